"""Scraped government pages: the law survives line by line, the site around it does not."""
from __future__ import annotations

import html

import pytest

from ingest.extracted import Unreadable
from ingest.html import read_html

from .samples import ANTI_TERRORISM, EEZ, article_lines, body_paragraphs, expected_lines, government_page, law

# Everything a government page wraps around a document; none of it may reach the text.
CHROME = ["网站首页", "当前位置", "机构职能", "政务公开", "打印本页", "关闭窗口", "字体", "大 中 小",
          "分享到", "相关链接", "主办单位", "版权所有", "ICP备", "网站标识码", "浏览次数", "公网安备",
          "微信", "下一篇", "联系我们", "网站地图", "document.write", "var ", "color:", "相关法规解读"]


@pytest.mark.parametrize("br_paragraphs", [False, True])
def test_every_paragraph_survives_and_no_chrome_leaks(br_paragraphs: bool) -> None:
    md = law(ANTI_TERRORISM)
    page = government_page(md, br_paragraphs=br_paragraphs).encode("utf-8")
    extracted = read_html(page, "http://www.moj.gov.cn/flfg/123.html")
    lines = extracted.text.split("\n")
    assert extracted.format == "html"
    assert extracted.title_hint == "中华人民共和国反恐怖主义法"
    assert lines == expected_lines(md)  # one paragraph per line, in order, nothing added
    assert len(article_lines(extracted.text)) == len(article_lines(md)) == 97
    for phrase in CHROME:
        assert phrase not in extracted.text, phrase


def test_chrome_inside_the_content_block_is_filtered() -> None:
    # An older site: table layout, no class names, tool bar and links inside the text cell.
    md = law(EEZ)
    rows = "".join(f"<p>\u3000\u3000{html.escape(p)}</p>" for p in body_paragraphs(md))
    page = f"""<html><head><title>专属经济区和大陆架法 - 法律法规库</title></head><body>
    <table><tr><td><a href="/">网站首页</a></td><td><a href="/fg">法律法规</a></td></tr></table>
    <table><tr><td>
      <p>您现在的位置：<a href="/">首页</a> &gt;&gt; <a href="/fg">法律法规</a></p>
      <p align="center"><a name="title">中华人民共和国专属经济区和大陆架法</a></p>
      <p>发布日期：1998-06-26 【字体：大 中 小】 【打印】【关闭】 浏览次数：3321次</p>
      {rows}
      <p><a href="javascript:window.print()">打印本页</a> <a href="#">关闭窗口</a></p>
      <p>相关链接：</p>
      <ul><li><a href="/1">中华人民共和国领海及毗连区法</a></li><li><a href="/2">海洋环境保护法</a></li></ul>
      <p><a href="/prev">上一篇：中华人民共和国国防法</a></p>
    </td></tr></table>
    <p>版权所有 © 2024 法律法规库 京ICP备05070302号</p></body></html>""".encode()
    extracted = read_html(page, "old-site.html")
    assert extracted.title_hint == "专属经济区和大陆架法"
    assert extracted.text.split("\n") == [
        "中华人民共和国专属经济区和大陆架法", "发布日期：1998-06-26", *body_paragraphs(md)]


def test_a_distant_heading_does_not_pull_in_its_column() -> None:
    md = law(EEZ)
    notice = "本网站为政务信息公开平台，提供政策文件查询、办事指南和互动交流服务。" * 8  # plain text, no links
    page = f"""<html><body><table><tr>
      <td><h2>工作动态</h2><p>{notice}</p></td>
      <td><div>{"".join(f"<p>{p}</p>" for p in body_paragraphs(md))}</div></td>
    </tr></table></body></html>"""
    assert read_html(page.encode(), "two-columns.html").text.split("\n") == body_paragraphs(md)


def test_declared_gb2312_page_with_gbk_characters() -> None:
    md = law(EEZ)
    page = government_page(md, charset="gb2312").encode("gbk")
    extracted = read_html(page, "old.htm")
    assert extracted.encoding == "gb18030"
    assert extracted.text.split("\n") == expected_lines(md)


def test_wrong_declared_charset_is_overruled() -> None:
    md = law(EEZ)
    page = government_page(md, charset="utf-8").encode("gb18030")
    extracted = read_html(page, "mislabelled.html")
    assert extracted.text.split("\n") == expected_lines(md)
    assert extracted.encoding == "gb18030"
    assert any("declared charset utf-8" in w for w in extracted.warnings)


def test_blocks_point_at_their_lines() -> None:
    md = law(EEZ)
    extracted = read_html(government_page(md).encode(), "a.html")
    assert len(extracted.blocks) == len(expected_lines(md))
    for block, line in zip(extracted.blocks, extracted.text.split("\n")):
        assert extracted.text[block.start:block.end] == line
    assert [b.kind for b in extracted.blocks[:3]] == ["heading", "paragraph", "paragraph"]


def test_table_rows_and_headings() -> None:
    page = """<html><body><div class="content">
      <h2>第一章 总则</h2><p>第一条 为了规范行政处罚的设定和实施，制定本规定。</p>
      <table><tr><td>违法行为</td><td>处罚标准</td></tr><tr><td>轻微</td><td>警告</td></tr></table>
      <pre>第二条 本规定自发布之日起施行。
第三条 本规定由司法部负责解释。</pre></div></body></html>""".encode()
    extracted = read_html(page, "t.html")
    assert extracted.text.split("\n") == [
        "第一章 总则", "第一条 为了规范行政处罚的设定和实施，制定本规定。", "违法行为\t处罚标准", "轻微\t警告",
        "第二条 本规定自发布之日起施行。", "第三条 本规定由司法部负责解释。"]
    assert [b.kind for b in extracted.blocks] == ["heading", "paragraph", "table_row", "table_row",
                                                  "paragraph", "paragraph"]


def test_law_sentences_that_resemble_chrome_survive() -> None:
    sentences = [
        "第二十一条 网络平台日均访问量超过一百万的，运营者应当设立投诉窗口；逾期不改正的，责令关闭。",
        "第二十二条 主办单位应当在举办展会十日前向所在地商务主管部门报告。",
        "第二十三条 版权所有者可以向著作权行政管理部门投诉。",
        "（一）在网站首页显著位置公示营业执照信息；",
        "第二十四条 本规定自发布之日起施行。浏览器开发者应当遵守本规定。",
    ]
    page = "<html><body><div>" + "".join(f"<p>{s}</p>" for s in sentences) + "</div></body></html>"
    assert read_html(page.encode(), "rules.html").text.split("\n") == sentences


def test_page_with_only_chrome_is_unreadable() -> None:
    page = "<html><body><div class='nav'><a href='/'>网站首页</a></div><footer>版权所有</footer></body></html>"
    with pytest.raises(Unreadable, match="no text content"):
        read_html(page.encode(), "empty.html")
