import hashlib
from dataclasses import replace
from decimal import Decimal

from checker.cufe import DatosCufe, cadena_cufe, calcular_cufe, cufes_posibles

ANEXO = DatosCufe(
    num_fac="323200000129", fec_fac="2019-01-16", hor_fac="10:53:10-05:00",
    val_fac=Decimal("1500000.00"), val_iva=Decimal("285000.00"), val_inc=Decimal("0"), val_ica=Decimal("0"),
    val_tot=Decimal("1785000.00"), nit_ofe="700085371", num_adq="800199436",
    clave_tecnica="693ff6f2a553c3646a063436fd4dd9ded0311471", tipo_ambiente="1",
)


def test_reproduce_el_cufe_del_ejemplo_del_anexo_tecnico():
    assert calcular_cufe(ANEXO) == (
        "8bb918b19ba22a694f1da11c643b5e9de39adf60311cf179179e9b33381030bc"
        "d4c3c3f156c506ed5908f9276f5bd9b4")


ANEXO_CADENA = ("3232000001292019-01-1610:53:10-05:001500000.0001285000.00040.00030.00"
                "1785000.00700085371800199436693ff6f2a553c3646a063436fd4dd9ded03114711")


def test_la_cadena_lleva_los_valores_con_dos_decimales_y_los_codigos_de_tributo():
    assert cadena_cufe(ANEXO) == ANEXO_CADENA


def test_cambiar_un_centavo_cambia_el_cufe():
    from dataclasses import replace

    assert calcular_cufe(replace(ANEXO, val_tot=Decimal("1785000.01"))) != calcular_cufe(ANEXO)


def test_los_valores_con_mas_de_dos_decimales_entran_truncados():
    # «con decimales a dos (2) dígitos truncados» (anexo §11.2, como lo citan implementaciones públicas).
    con_mas = replace(ANEXO, val_iva=Decimal("285000.046"), val_tot=Decimal("1785000.049"))
    cadena = ANEXO_CADENA.replace("285000.00", "285000.04").replace("1785000.00", "1785000.04")
    assert cadena_cufe(con_mas) == cadena
    assert calcular_cufe(con_mas) == hashlib.sha384(cadena.encode()).hexdigest()
    # Con dos decimales hay un solo CUFE posible; con más, también los de los valores redondeados.
    assert cufes_posibles(ANEXO) == {calcular_cufe(ANEXO)}
    redondeada = ANEXO_CADENA.replace("285000.00", "285000.05").replace("1785000.00", "1785000.05")
    assert cufes_posibles(con_mas) == {calcular_cufe(con_mas), hashlib.sha384(redondeada.encode()).hexdigest()}
