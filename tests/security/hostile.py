"""Builders for the hostile inputs of the security suite (docs/security.md): payloads, zips, docx parts, stores.

Everything big is streamed into the zip as it is built, so a 200 MB bomb costs a few hundred KB of memory.
"""
from __future__ import annotations

import io
import sqlite3
import stat
import struct
import zipfile
from pathlib import Path

from google.protobuf import text_format

MB = 1 << 20
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

#: What a document may carry to run script or restyle a page that rendered it as HTML or Markdown.
PAYLOAD = ("<script>alert(1)</script><img src=x onerror=alert(2)>[点我](javascript:alert(3))"
           "**bold**:red[红字]")
#: Pieces of PAYLOAD that survive in any element that carries it unescaped (all ASCII, so they read
#: the same in a protobuf's text form).
MARKERS = ("<script", "onerror", "javascript:", "**bold**", ":red[")

NOTICE = "第一条 为了规范管理，制定本办法。\n第二条 本办法自公布之日起施行。\n"
GOOD = "临江市测试办法\n" + NOTICE


# ---------------------------------------------------------------- zips


def zip_of(members: dict[str, bytes | str], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def symlink_member(archive: zipfile.ZipFile, name: str, target: str) -> None:
    """A member that unzip and Python's shutil.unpack_archive would create as a symbolic link."""
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    info.create_system = 3  # Unix, so the mode bits are honoured
    archive.writestr(info, target)


def zeros_member(archive: zipfile.ZipFile, name: str, megabytes: int) -> None:
    """``megabytes`` of zeros, streamed: deflated about 1000:1, never held in memory."""
    chunk = bytes(MB)
    with archive.open(name, "w", force_zip64=True) as member:
        for _ in range(megabytes):
            member.write(chunk)


def nested_bomb(levels: int = 3, fan_out: int = 10, megabytes: int = 10) -> bytes:
    """42.zip in small: each level holds ``fan_out`` copies of the level below; the leaves are ``megabytes``
    of zeros. Expanded it is ``fan_out**levels * megabytes`` MB; zipped, a few KB (deflated zeros are
    themselves repetitive, so every level deflates again)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        zeros_member(archive, "0.txt", megabytes)
    layer = buffer.getvalue()
    for _ in range(levels):
        layer = zip_of({f"{i}.zip": layer for i in range(fan_out)})
    return layer


def patch_sizes(data: bytes, name: bytes, size: int) -> bytes:
    """Make the local header and central directory claim ``size`` uncompressed bytes for member ``name``."""
    out = bytearray(data)
    for signature, name_len_at, name_at, size_at in ((b"PK\x03\x04", 26, 30, 22), (b"PK\x01\x02", 28, 46, 24)):
        start = 0
        while (start := out.find(signature, start)) != -1:
            length = struct.unpack_from("<H", out, start + name_len_at)[0]
            if bytes(out[start + name_at:start + name_at + length]) == name:
                struct.pack_into("<I", out, start + size_at, size)
            start += 4
    return bytes(out)


# ---------------------------------------------------------------- docx


def base_docx(text: str = NOTICE) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def document_xml(body: str, dtd: str = "", encoding: str = "UTF-8") -> str:
    doctype = f"<!DOCTYPE w:document [{dtd}]>" if dtd else ""
    return (f'<?xml version="1.0" encoding="{encoding}"?>{doctype}<w:document xmlns:w="{W}"><w:body>'
            f'<w:p><w:r><w:t>第一条 为了规范管理，制定本办法。</w:t></w:r></w:p>'
            f'<w:p><w:r><w:t>{body}</w:t></w:r></w:p></w:body></w:document>')


def with_parts(docx_data: bytes, parts: dict[str, bytes | str], drop: tuple[str, ...] = ()) -> bytes:
    """A copy of a .docx with some parts replaced, added or dropped."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_data)) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        names = source.namelist()
        for info in source.infolist():
            if info.filename not in drop:
                out.writestr(info.filename, parts.get(info.filename, source.read(info)))
        for name, data in parts.items():
            if name not in names:
                out.writestr(name, data)
    return buffer.getvalue()


def main_part_renamed(docx_data: bytes, new_name: str, xml: bytes | str) -> bytes:
    """The main document moved to ``new_name`` (content type and relationship follow it), the harmless
    word/document.xml left behind as a decoy: python-docx follows the relationship, whatever the names say."""
    with zipfile.ZipFile(io.BytesIO(docx_data)) as z:
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("_rels/.rels").decode()
        document_rels = z.read("word/_rels/document.xml.rels")
    stem = new_name.rsplit("/", 1)[-1]
    return with_parts(docx_data, {
        "[Content_Types].xml": types.replace('PartName="/word/document.xml"', f'PartName="/{new_name}"'),
        "_rels/.rels": rels.replace("word/document.xml", new_name),
        new_name: xml,
        f"word/_rels/{stem}.rels": document_rels,
    })


BILLION_LAUGHS = '<!ENTITY a "lol">' + "".join(
    f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))  # &j; = 10⁹ × "lol"


def xxe(path: str = "/etc/passwd") -> str:
    return f'<!ENTITY x SYSTEM "file://{path}">'


# ---------------------------------------------------------------- element tree of an AppTest

#: Fields that hold document text and are shown as plain text: st.text, st.code and st.json bodies, table and
#: chart data (grid cells, SVG labels), and the options of a select box (plain text in the browser).
PLAIN_FIELDS = {
    "text": ("body",),
    "code": ("code_text",),
    "json": ("body",),
    "dataframe": ("arrow_data.data",),
    "table": ("arrow_data.data",),
    "vega_lite_chart": ("data", "datasets"),
    "selectbox": ("options", "raw_value", "default"),
    "multiselect": ("options", "raw_values", "default"),
}


def _clear(message, path: str) -> None:
    head, _, rest = path.partition(".")
    if head not in message.DESCRIPTOR.fields_by_name:
        return
    if rest:
        if message.HasField(head):
            _clear(getattr(message, head), rest)
    else:
        message.ClearField(head)


def markup_leaks(at) -> list[str]:
    """Every element of the page that carries a MARKER anywhere but a PLAIN_FIELDS field: a label, a help
    tooltip, an expander title, an alert, markdown, a column config …; ``[]`` when the page is safe."""
    leaks = []
    for node in at._tree:
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "DESCRIPTOR"):
            continue
        rest = type(proto)()
        rest.CopyFrom(proto)
        for path in PLAIN_FIELDS.get(node.type, ()):
            _clear(rest, path)
        shown = text_format.MessageToString(rest, as_utf8=True)
        leaks += [f"{node.type} carries {marker!r}: {shown[:200]!r}" for marker in MARKERS if marker in shown]
    return leaks


def plain_texts(at) -> str:
    """Everything the page shows in its plain-text fields, for checking the payload was shown, not lost."""
    parts = [t.value for t in at.text]
    for node in at._tree:
        if node.type == "dataframe":
            parts += [str(v) for v in node.value.astype(str).to_numpy().ravel()]
        elif node.type in ("selectbox", "multiselect"):
            parts += list(node.proto.options)
    return "\n".join(parts)


def column_types(at) -> set[str]:
    """The column types the page's tables declare (link and image columns would render cell text as URLs)."""
    import json

    found = set()
    for node in at._tree:
        if node.type == "dataframe" and node.proto.columns:
            for config in json.loads(node.proto.columns).values():
                kind = (config.get("type_config") or {}).get("type")
                if kind:
                    found.add(kind)
    return found


# ---------------------------------------------------------------- stores


def plant(db_file: Path, document_id: int, payload: str = PAYLOAD) -> None:
    """Give a stored document the metadata a hostile file could carry: title, issuer, 文号, a heading, an
    article label and every citation's raw text, as if its reader had extracted them."""
    with sqlite3.connect(db_file) as conn:
        for table, key in (("documents", "id"), ("versions", "document_id")):
            conn.execute(f"update {table} set title = title || ?, issuer = coalesce(issuer, '') || ?, "
                         f"doc_number = coalesce(doc_number, '') || ? where {key} = ?",
                         [payload, payload, payload, document_id])
        versions = "select id from versions where document_id = ?"
        conn.execute(f"update headings set text = text || ? where version_id in ({versions})", [payload, document_id])
        conn.execute(f"update articles set label = label || ? where version_id in ({versions}) and number = 1",
                     [payload, document_id])
        conn.execute(f"update citations set raw = raw || ? where version_id in ({versions})", [payload, document_id])
