"""Test inputs: real laws read in place from the shared corpus (never copied into the repo),
and the containers offices wrap them in: zips, web pages, OLE files."""
from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

import pytest

from tests.paths import SHARED_CORPUS

CORPUS = SHARED_CORPUS
ANTI_TERRORISM = "宪法相关法/反恐怖主义法(2018-04-27).md"
EEZ = "宪法相关法/专属经济区和大陆架法(1998-06-26).md"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百千零〇]+条", re.M)


def law(relative: str) -> str:
    """Text of a corpus law file; the test is skipped when the corpus is not beside the repo."""
    path = CORPUS / "laws" / relative
    if not path.is_file():
        pytest.skip(f"corpus file not available: {path}")
    return path.read_text(encoding="utf-8")


def law_dir(relative: str) -> list[Path]:
    """Markdown files of one corpus folder, sorted; skips when the corpus is missing."""
    folder = CORPUS / "laws" / relative
    if not folder.is_dir():
        pytest.skip(f"corpus folder not available: {folder}")
    return sorted(folder.glob("*.md"))


def article_lines(text: str) -> list[str]:
    """Lines that start an article (第…条), as the structure parser will look for them."""
    return [line.strip() for line in text.splitlines() if _ARTICLE.match(line.strip())]


def body_paragraphs(md: str) -> list[str]:
    """Non-empty lines after the corpus header, headings without their ``#``."""
    body = md.split("<!-- INFO END -->", 1)[1]
    return [line.strip("# ").strip() for line in body.splitlines() if line.strip()]


def expected_lines(md: str) -> list[str]:
    """What must come out of ``government_page(md)``: title, date line without its tool bar, body."""
    return [md.splitlines()[0].lstrip("# "), "发布时间：2018-04-27 来源：全国人大网", *body_paragraphs(md)]


def government_page(md: str, charset: str = "utf-8", br_paragraphs: bool = False) -> str:
    """A page shaped like a ministry site: header menu, breadcrumb, tool bar, footer, scripts."""
    paragraphs = body_paragraphs(md)
    title = md.splitlines()[0].lstrip("# ")
    inline = '<script>var count = "浏览次数"; document.write(count);</script><style>p { color: #333 }</style>'
    if br_paragraphs:  # older sites put the whole text in one <div> separated by <br>
        body = '<div id="zoom">' + "<br/>\n".join(
            f"&nbsp;&nbsp;{html.escape(p)}" for p in paragraphs) + inline + "</div>"
    else:
        body = '<div class="TRS_Editor">' + "\n".join(
            f'<p style="text-indent:2em">\u3000\u3000{html.escape(p)}</p>' for p in paragraphs) + inline + "</div>"
    return f"""<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta name="ArticleTitle" content="{title}">
<title>{title}_法律法规_中华人民共和国司法部</title>
<style>.nav {{ color: red }} p {{ line-height: 2 }}</style>
<script>var _hmt = _hmt || []; document.write("网站首页");</script>
</head><body>
<div class="top-head"><a href="/">网站首页</a> | <a href="/jgzn">机构职能</a> | <a href="/zwgk">政务公开</a>
  <span>今天是2024年5月1日 星期三</span></div>
<nav><ul><li><a href="/">首页</a></li><li><a href="/flfg">法律法规</a></li></ul></nav>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/flfg">法律法规</a> &gt; 正文</div>
<div class="main">
  <div class="article">
    <h1>{title}</h1>
    <div class="info">发布时间：2018-04-27 来源：全国人大网 浏览次数：1024
      【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】 <a href="javascript:window.print()">打印本页</a>
      <a href="javascript:window.close()">关闭窗口</a></div>
    {body}
    <div class="bdshare">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>
    <div class="pages"><a href="/next">下一篇：中华人民共和国国家安全法</a></div>
  </div>
  <div class="right-side"><h3>相关链接</h3><ul><li><a href="/a">相关法规解读一</a></li>
    <li><a href="/b">关于反恐怖主义工作的说明</a></li></ul></div>
</div>
<div id="footer"><p><a href="/lx">联系我们</a> | <a href="/map">网站地图</a></p>
  <p>主办单位：中华人民共和国司法部 版权所有：中华人民共和国司法部</p>
  <p>京ICP备13016994号 京公网安备 11010502035155号 网站标识码：bm14000001</p></div>
<script type="text/javascript">document.write('<span>浏览次数</span>');</script>
</body></html>"""


def make_zip(members: dict[str, bytes], raw_names: str | None = None) -> bytes:
    """A zip of ``members``; with ``raw_names="gbk"`` the names are GBK bytes without the
    UTF-8 flag, as Windows Explorer and WinRAR on Chinese Windows write them."""
    placeholders = {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for i, (name, data) in enumerate(members.items()):
            if raw_names and not name.isascii():
                raw = name.encode(raw_names)
                stand_in = str(i).rjust(len(raw), "~")  # same length, so offsets stay valid
                placeholders[stand_in.encode()] = raw
                name = stand_in
            archive.writestr(name, data)
    data = buffer.getvalue()
    for stand_in, raw in placeholders.items():
        assert data.count(stand_in) == 2  # local header and central directory
        data = data.replace(stand_in, raw)
    return data


def ole_stub(*streams: str) -> bytes:
    """Enough of an OLE compound file for sniffing: magic plus directory entry names."""
    return OLE_MAGIC + bytes(504) + b"".join(s.encode("utf-16-le").ljust(64, b"\x00") for s in streams)
