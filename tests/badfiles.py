"""Builders for the hostile and broken inputs an office receives, shared by the reader and CLI tests."""
from __future__ import annotations

import io
import zipfile

from tests.render import cjk_font_path

NOTICE = "第一条 为了规范管理，制定本办法。\n第二条 本办法自公布之日起施行。"


def image_pdf(pages: int) -> bytes:
    """A 'scanned' PDF: every page a picture of lines, no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    picture = Image.new("L", (620, 877), 255)
    draw = ImageDraw.Draw(picture)
    for y in range(80, 800, 30):
        draw.rectangle((60, y, 560, y + 12), fill=0)
    pdf = FPDF(unit="pt", format="A4")
    for _ in range(pages):
        pdf.add_page()
        pdf.image(picture, x=0, y=0, w=595)
    return bytes(pdf.output())


def text_pdf(text: str = NOTICE, password: str | None = None) -> bytes:
    """A small text PDF in a CJK font, encrypted with a user password when one is given."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("cjk", fname=cjk_font_path())
    pdf.set_font("cjk", size=14)
    for line in text.split("\n"):
        pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    return bytes(pdf.output())


def zip_bomb(megabytes: int = 300) -> bytes:
    """A zip whose one member inflates from a few hundred KB to ``megabytes`` of zeros."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z, z.open("bomb.txt", "w", force_zip64=True) as f:
        chunk = b"\0" * (1 << 20)
        for _ in range(megabytes):
            f.write(chunk)
    return buf.getvalue()


def traversal_zip() -> bytes:
    """Members whose names escape the archive, beside one honest member."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("../../etc/passwd.txt", NOTICE)
        z.writestr("/abs/evil.txt", NOTICE)
        z.writestr("ok/办法.txt", NOTICE)
    return buf.getvalue()
