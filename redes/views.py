def informe_dep(request):
    pass
