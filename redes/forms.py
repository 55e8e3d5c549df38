"""Formularios públicos y de la coordinación (fuera del admin)."""

import datetime

from django import forms
from django.utils import timezone

from portal.models import Caracteristica, Comuna, NivelEducativo

from .models import ROLES, Acuerdo, Red, Ronda

MAX_CODIGOS = 200


class SeleccionMultiple(forms.ModelMultipleChoiceField):
    """Un id que no es número (o fuera de rango) es «opción inválida», no un 500."""

    def _check_values(self, value):
        limpios = []
        for v in value:
            if not str(v).isdigit() or int(v) > 2**62:
                raise forms.ValidationError("Elija una opción de la lista.", code="invalid_choice")
            limpios.append(v)
        return super()._check_values(limpios)


class RedForm(forms.ModelForm):
    comunas = SeleccionMultiple(
        queryset=Comuna.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    niveles = SeleccionMultiple(
        queryset=NivelEducativo.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Niveles de los establecimientos",
    )

    class Meta:
        model = Red
        fields = [
            "proposito",
            "numero_establecimientos",
            "comunas",
            "niveles",
            "rural",
            "eib",
            "desde",
            "publicar_resumen",
        ]
        widgets = {"proposito": forms.Textarea(attrs={"rows": 5, "maxlength": 3000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comunas"].queryset = Comuna.objects.filter(slep=self.instance.slep_id)
        self.fields["comunas"].label = "Comunas"
        self.fields["proposito"].max_length = 3000
        self.fields["numero_establecimientos"].widget.attrs.update(min=1, max=2000)
        self.fields["numero_establecimientos"].max_value = 2000
        self.fields["desde"].widget.attrs.update(min=1950, max=timezone.localdate().year)

    def clean_desde(self):
        desde = self.cleaned_data.get("desde")
        if desde and desde > timezone.localdate().year:
            raise forms.ValidationError("El año no puede ser posterior al actual.")
        return desde


class ContactoForm(forms.Form):
    nombre = forms.CharField(label="Su nombre", max_length=120)
    correo = forms.EmailField(
        label="Su correo",
        max_length=200,
        help_text="La red le responderá a este correo. No lo publicamos.",
    )
    mensaje = forms.CharField(
        label="Mensaje", max_length=3000, widget=forms.Textarea(attrs={"rows": 6})
    )
    # Campo trampa: invisible para personas; los robots lo llenan.
    sitio_web = forms.CharField(required=False, label="No llene este campo")


class RondaForm(forms.Form):
    nombre = forms.CharField(
        label="Nombre de la ronda", max_length=120, help_text="Por ejemplo: «Primer semestre 2027»."
    )
    inicio = forms.DateField(label="Abre el", widget=forms.DateInput(attrs={"type": "date"}))
    termino = forms.DateField(label="Cierra el", widget=forms.DateInput(attrs={"type": "date"}))
    cantidad = forms.IntegerField(
        label="Códigos de respuesta a generar",
        min_value=1,
        max_value=MAX_CODIGOS,
        initial=10,
        help_text="Uno por persona. Podrá generar más mientras la ronda esté abierta.",
    )
    modo = forms.ChoiceField(
        label="Modo de la ronda",
        choices=Ronda.MODOS,
        initial=Ronda.INDIVIDUAL,
        required=False,  # sin elegir: individual, como antes de existir la sesión
        widget=forms.RadioSelect,
        help_text="La sesión grupal es para redes chicas que se reúnen: cada persona puntúa "
        "con su código en su teléfono, característica por característica, y la sala conversa "
        "la evidencia. En ambos modos los códigos son de un solo uso y sin nombre.",
        error_messages={"invalid_choice": "Elija uno de los dos modos."},
    )

    def clean_modo(self):
        return self.cleaned_data.get("modo") or Ronda.INDIVIDUAL

    def clean(self):
        datos = super().clean()
        inicio, termino = datos.get("inicio"), datos.get("termino")
        hoy = timezone.localdate()
        if inicio and termino:
            if termino < inicio:
                self.add_error(
                    "termino", "La fecha de cierre debe ser igual o posterior a la de apertura."
                )
            if termino < hoy:
                self.add_error("termino", "La fecha de cierre ya pasó.")
            if termino - inicio > datetime.timedelta(days=180):
                self.add_error("termino", "Una ronda dura como máximo 180 días.")
        return datos


class AcuerdoForm(forms.ModelForm):
    """Lo que la sala acordó sobre una característica (sesión grupal)."""

    nivel = forms.TypedChoiceField(
        label="Nivel acordado por la sala",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Elija el nivel que acordó la sala (de 1 a 5).",
            "invalid_choice": "Elija un nivel de 1 a 5.",
        },
    )
    evidencia = forms.CharField(
        label="Evidencia que sostiene ese nivel",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 3000}),
        help_text="Los hechos, registros o ejemplos que se conversaron. No escriba nombres "
        "de personas.",
        error_messages={
            "required": "Escriba la evidencia que sostiene el nivel acordado.",
            "max_length": "La evidencia puede tener hasta %(limit_value)d caracteres "
            "(tiene %(show_value)d).",
        },
    )
    meta = forms.TypedChoiceField(
        label="Nivel meta",
        coerce=int,
        widget=forms.RadioSelect,
        help_text="El nivel al que la red quiere llegar en esta característica.",
        error_messages={
            "required": "Elija el nivel meta (de 1 a 5).",
            "invalid_choice": "Elija un nivel de 1 a 5.",
        },
    )

    class Meta:
        model = Acuerdo
        fields = ["nivel", "evidencia", "meta"]

    def __init__(self, *args, niveles, **kwargs):
        super().__init__(*args, **kwargs)
        opciones = [(i, f"{i}. {texto}") for i, texto in niveles]
        self.fields["nivel"].choices = opciones
        self.fields["meta"].choices = opciones

    def clean(self):
        datos = super().clean()
        nivel, meta = datos.get("nivel"), datos.get("meta")
        if nivel and meta and meta < nivel:
            self.add_error(
                "meta",
                f"El nivel meta ({meta}) no puede ser menor que el nivel acordado ({nivel}).",
            )
        return datos


class CodigosForm(forms.Form):
    cantidad = forms.IntegerField(
        label="Cantidad de códigos nuevos", min_value=1, max_value=MAX_CODIGOS, initial=5
    )


class CodigoForm(forms.Form):
    codigo = forms.CharField(
        label="Código de respuesta",
        max_length=40,
        help_text="Lo entregó la coordinación de su red. Por ejemplo: ABCD-EFGH-JKMN.",
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class RolForm(forms.Form):
    rol = forms.ChoiceField(
        label="¿Desde qué rol participa en la red?",
        choices=ROLES,
        widget=forms.RadioSelect,
        help_text="Se usa solo para comparar grupos de al menos cinco personas; nunca para "
        "identificarle.",
    )


NO_SABE = "ns"


class SeccionForm(forms.Form):
    """Una sección del instrumento: una pregunta por afirmación, 1–5 o «no sé»."""

    def __init__(self, *args, items, rol, niveles, **kwargs):
        super().__init__(*args, **kwargs)
        opciones = [(str(i), f"{i}. {texto}") for i, texto in niveles] + [
            (NO_SABE, "No sé / no aplica")
        ]
        self.items = items
        for item in items:
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                label=item.texto_para(rol),
                choices=opciones,
                required=False,
                widget=forms.RadioSelect,
            )

    def valores(self):
        """{item_id: valor | None (no sé)} de lo contestado; lo vacío no se toca."""
        salida = {}
        for item in self.items:
            crudo = self.cleaned_data.get(f"item_{item.pk}")
            if crudo == NO_SABE:
                salida[item.pk] = None
            elif crudo:
                salida[item.pk] = int(crudo)
        return salida


class ComentarioForm(forms.Form):
    comentario = forms.CharField(
        label="¿Algo más que quiera decir sobre cómo funciona la red? (opcional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Los comentarios se muestran sin nombre ni rol, y solo si respondieron al "
        "menos ocho personas. No escriba nombres propios.",
    )


class PlanForm(forms.Form):
    caracteristicas = SeleccionMultiple(
        queryset=Caracteristica.objects.select_related("dimension"),
        widget=forms.CheckboxSelectMultiple,
        label="Elija 2 o 3 características en que trabajar",
    )

    def clean_caracteristicas(self):
        elegidas = self.cleaned_data["caracteristicas"]
        if not 2 <= len(elegidas) <= 3:
            raise forms.ValidationError(f"Elija 2 o 3 características (eligió {len(elegidas)}).")
        return elegidas


class AccionForm(forms.Form):
    descripcion = forms.CharField(label="Acción", max_length=300, required=False)
    responsable = forms.CharField(label="Responsable", max_length=150, required=False)
    fecha = forms.DateField(
        label="Fecha", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        datos = super().clean()
        if datos.get("descripcion") and not datos.get("responsable"):
            self.add_error("responsable", "Indique quién se hace cargo de esta acción.")
        if datos.get("responsable") and not datos.get("descripcion"):
            self.add_error("descripcion", "Describa la acción.")
        return datos


AccionesFormSet = forms.formset_factory(AccionForm, extra=0, max_num=12, absolute_max=12)


class ComoLaMiaForm(forms.Form):
    """«Redes como la mía»: la persona describe su red (todo opcional)."""

    SI_NO = [("", "Indiferente"), ("si", "Sí"), ("no", "No")]

    slep = forms.ModelChoiceField(
        label="SLEP", queryset=None, required=False, empty_label="Cualquiera"
    )
    tipo = forms.ModelChoiceField(
        label="Tipo de red", queryset=None, required=False, empty_label="Cualquiera"
    )
    niveles = SeleccionMultiple(
        label="Niveles",
        queryset=NivelEducativo.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    rural = forms.ChoiceField(label="¿Rural o multigrado?", choices=SI_NO, required=False)
    eib = forms.ChoiceField(
        label="¿Con enfoque intercultural (EIB)?", choices=SI_NO, required=False
    )

    def __init__(self, *args, **kwargs):
        from portal.models import Slep, TipoRed

        super().__init__(*args, **kwargs)
        self.fields["slep"].queryset = Slep.objects.all()
        self.fields["tipo"].queryset = TipoRed.objects.all()

    def rasgos(self):
        d = self.cleaned_data
        return {
            "slep": d.get("slep"),
            "tipo": d.get("tipo"),
            "niveles": list(d.get("niveles") or []),
            "rural": {"si": True, "no": False}.get(d.get("rural")),
            "eib": d.get("eib") == "si",
        }
