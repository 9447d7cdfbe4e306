"""El ZIP en que llega una factura electrónica (los XML que trae, leídos sin confiar en él) y el PDF que la acompaña.

El adquiriente recibe la factura por correo en un único adjunto ZIP con el AttachedDocument (XML), la
representación gráfica (PDF) y, si los hay, los anexos en otro ZIP (Resolución DIAN 042 de 2020, cap. 10.6, según
la Cámara Colombiana de Comercio Electrónico; por confirmar en el texto de la resolución). Aquí solo se sacan los
XML; el PDF y los anexos no se leen. Un ZIP que llega de afuera se trata como hostil: tamaño y número de entradas
limitados, cada XML leído hasta el tamaño máximo de una factura (una «bomba» de compresión se corta ahí), sin
contraseñas ni métodos de compresión raros. `zipfile` ya está importado en el Python del validador (lo importa
pydantic), así que leer un ZIP no trae nada nuevo al navegador.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from .errores import EntradaNoLegible

# Lo que zipfile lanza con un ZIP dañado o mentiroso (cabeceras que no cuadran, datos comprimidos rotos, CRC).
_DANADO = (zipfile.BadZipFile, zlib.error, ValueError, EOFError, OSError, OverflowError, NotImplementedError, RuntimeError)

ZIP_MAXIMO = 20 * 1024 * 1024  # 20 MiB: el PDF y los anexos pueden pesar más que la factura
MAXIMO_ENTRADAS = 200
_FIRMAS = (b"PK\x03\x04", b"PK\x05\x06")  # un ZIP con entradas, o uno vacío


def es_zip(datos: bytes | bytearray | memoryview | str) -> bool:
    return not isinstance(datos, str) and bytes(datos[:4]) in _FIRMAS


def es_pdf(datos: bytes | bytearray | memoryview | str) -> bool:
    """La representación gráfica que viaja con la factura: quien la trae cree a veces que es la factura."""
    return not isinstance(datos, str) and bytes(datos[:5]) == b"%PDF-"


def xml_del_zip(datos: bytes, maximo: int) -> tuple[list[tuple[str, bytes]], list[str]]:
    """Los XML del ZIP ([(nombre, bytes)], en su orden) y los nombres de lo demás que trae. Lanza `EntradaNoLegible`."""
    if len(datos) > ZIP_MAXIMO:
        raise EntradaNoLegible(f"El ZIP pesa más de {ZIP_MAXIMO // (1024 * 1024)} MiB: use solo el XML de la factura.")
    try:
        archivo = zipfile.ZipFile(io.BytesIO(datos))
        # Una entrada sin nombre (un ZIP dañado) no es un archivo que leer: `is_dir()` fallaría con ella.
        entradas = [e for e in archivo.infolist() if e.filename and not e.is_dir() and not _basura(e.filename)]
    except _DANADO:
        raise EntradaNoLegible("El ZIP está dañado o incompleto: descárguelo de nuevo del correo.") from None
    if len(entradas) > MAXIMO_ENTRADAS:
        raise EntradaNoLegible(f"El ZIP trae {len(entradas)} archivos: use solo el XML de la factura.")
    xml, otros, leidos = [], [], 0
    for entrada in entradas:
        if not entrada.filename.lower().endswith(".xml"):
            otros.append(entrada.filename)
            continue
        if entrada.flag_bits & 0x1:
            raise EntradaNoLegible(f"«{entrada.filename}» está protegido con contraseña dentro del ZIP: use el XML sin ZIP.")
        if entrada.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise EntradaNoLegible(f"«{entrada.filename}» está comprimido dentro del ZIP con un método que el validador "
                                   "no lee: use el XML sin ZIP.")
        try:
            with archivo.open(entrada) as contenido:
                bytes_xml = contenido.read(maximo + 1)
        except _DANADO:
            raise EntradaNoLegible(f"«{entrada.filename}» está dañado dentro del ZIP: descárguelo de nuevo del correo.") from None
        leidos += len(bytes_xml)
        if len(bytes_xml) > maximo or leidos > maximo:
            raise EntradaNoLegible(f"Los XML del ZIP pesan más de {maximo // (1024 * 1024)} MiB, lo más que lee el "
                                   "validador de una factura.")
        xml.append((entrada.filename, bytes_xml))
    return xml, otros


def _basura(nombre: str) -> bool:
    """Lo que agregan al comprimir macOS (`__MACOSX/`, `._factura.xml`): no son archivos de la factura."""
    return nombre.startswith("__MACOSX/") or nombre.rsplit("/", 1)[-1].startswith("._")


def lista(nombres: list[str], maximo: int = 4) -> str:
    """«a.xml, b.pdf y 3 más», para los mensajes."""
    citados = ", ".join(f"«{n[:60]}»" for n in nombres[:maximo])
    return citados + (f" y {len(nombres) - maximo} más" if len(nombres) > maximo else "")
