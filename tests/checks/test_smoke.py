from tests.checks.conftest import review_text, rules

RULE = """临江市人民政府关于加强河道管理的规定
临政规〔2024〕1号

第一条 为了加强河道管理，根据《中华人民共和国行政处罚法》等法律法规，结合本市实际，制定本规定。
第二条 在河道管理范围内倾倒垃圾的，由水务部门处五百元以上一千元以下罚款。
第三条 本规定自2024年3月1日起施行，有效期五年。

临江市人民政府
2024年1月20日
"""


def test_a_normative_document_that_sets_a_fine_is_f102(library, tmp_path):
    r = review_text(library, tmp_path, RULE)
    assert r.doc.metadata.level == "行政规范性文件"
    assert "F102" in rules(r, "error")
