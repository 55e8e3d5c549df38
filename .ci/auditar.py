"""Auditoría de dependencias de requirements.txt con pip-audit.

Falla (código 1) si hay una vulnerabilidad conocida. Si esta máquina no alcanza
la base de vulnerabilidades (sin red hacia PyPI/OSV), lo dice claramente y no
falla: no hay cómo auditar, pero eso no es una vulnerabilidad.

Uso: python .ci/auditar.py [requirements.txt] [--desde-json ARCHIVO]
"""

import json
import subprocess
import sys
from pathlib import Path

ERRORES_DE_RED = ("ConnectionError", "NameResolutionError", "Max retries exceeded", "timed out")


def evaluar(datos):
    """Devuelve (código de salida, mensaje) a partir del JSON de pip-audit."""
    dependencias = datos.get("dependencies", [])
    vulnerables = [d for d in dependencias if d.get("vulns")]
    omitidas = [d for d in dependencias if "skip_reason" in d]
    if vulnerables:
        lineas = [
            f"  {d['name']} {d['version']}: "
            + ", ".join(
                f"{v['id']} (corregida en {', '.join(v.get('fix_versions') or ['?'])})"
                for v in d["vulns"]
            )
            for d in vulnerables
        ]
        return 1, "Vulnerabilidades conocidas en dependencias:\n" + "\n".join(lineas)
    if dependencias and len(omitidas) == len(dependencias):
        return 0, (
            "AUDITORÍA NO REALIZADA: ninguna dependencia se pudo consultar en la base de "
            "vulnerabilidades (esta máquina no la alcanza). Córrala donde haya red: "
            "pip-audit -r requirements.txt --no-deps --disable-pip"
        )
    auditadas = len(dependencias) - len(omitidas)
    mensaje = f"Sin vulnerabilidades conocidas en {auditadas} dependencias auditadas."
    if omitidas:
        mensaje += " No auditadas: " + ", ".join(d["name"] for d in omitidas)
    return 0, mensaje


def main(argv):
    if "--desde-json" in argv:
        datos = json.loads(Path(argv[argv.index("--desde-json") + 1]).read_text())
    else:
        requisitos = argv[1] if len(argv) > 1 else "requirements.txt"
        pip_audit = Path(sys.executable).with_name("pip-audit")
        resultado = subprocess.run(  # noqa: S603 (ruta y argumentos fijos)
            [
                str(pip_audit),
                "-r",
                requisitos,
                "--no-deps",
                "--disable-pip",
                "--progress-spinner",
                "off",
                "-f",
                "json",
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        try:
            datos = json.loads(resultado.stdout)
        except json.JSONDecodeError:
            if any(error in resultado.stderr for error in ERRORES_DE_RED):
                print(
                    "AUDITORÍA NO REALIZADA: sin red hacia la base de vulnerabilidades.\n"
                    + resultado.stderr.strip().splitlines()[-1]
                )
                return 0
            print(resultado.stdout + resultado.stderr)
            print("pip-audit falló por otra razón (ver arriba).")
            return 2
    codigo, mensaje = evaluar(datos)
    print(mensaje)
    return codigo


if __name__ == "__main__":
    sys.exit(main(sys.argv))
