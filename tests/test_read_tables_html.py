"""HTML tables: each row of a table in the article is one line ("cell | cell"), its caption kept, and the
tables of the page around the article (menus, footers) are not content."""
from __future__ import annotations

import pytest

from ingest.clean import clean
from ingest.errors import InputError
from ingest.read import read_documents

ARTICLE = """<html><head><title>关于印发示范项目清单的通知_某市人民政府</title></head><body>
<div class="nav"><table><tr><td><a href="/">首页</a></td><td><a href="/a">政务公开</a></td>
<td><a href="/b">办事服务</a></td></tr></table></div>
<div class="article-content">
<p>各区人民政府，市政府各部门：</p>
<p>现将某市2025年示范项目清单印发给你们，请认真贯彻执行。</p>
<p>某市人民政府办公厅</p><p>2025年3月1日</p>
<table border="1">
<caption>表1 某市2025年示范项目清单</caption>
<tr><th>序号</th><th>项目名称</th><th>责任单位</th><th>完成时限</th></tr>
<tr><td>1</td><td><p>智慧城市</p><p>示范工程</p></td><td>市工业和信息化局</td><td>2025年12月</td></tr>
<tr><td>2</td><td>城市更新试点</td><td rowspan="2">市住房城乡建设局</td><td>2025年6月</td></tr>
<tr><td>3</td><td>老旧小区改造提升行动</td><td>2025年9月</td></tr>
</table>
</div>
<div class="footer"><table><tr><td>网站地图</td><td>联系我们</td></tr>
<tr><td>主办单位：某市人民政府办公厅</td><td>ICP备12345678号</td></tr></table></div>
</body></html>"""

# An older site: the whole page laid out in tables, the data table nested in the article's cell.
LAYOUT = """<html><head><title>某县农业补贴标准的通知</title></head><body>
<table width="100%"><tr><td><a href="/">首页</a> | <a href="/x">政务公开</a> | <a href="/y">互动交流</a></td></tr></table>
<table width="1000"><tr><td>
<div id="zoom">
<p>各乡镇人民政府：</p>
<p>为做好2025年农业补贴工作，现将补贴标准通知如下。各乡镇要认真组织实施，确保补贴资金及时足额发放到户。</p>
<table border="1"><tr><td>补贴项目</td><td>补贴标准</td><td>资金来源</td></tr>
<tr><td>耕地地力保护补贴</td><td>每亩100元</td><td>中央财政</td></tr>
<tr><td>农机购置补贴</td><td>按目录执行</td><td>中央和省级财政</td></tr></table>
<p>本通知自印发之日起执行。</p>
<p>某县农业农村局</p><p>2025年2月1日</p>
</div></td></tr></table>
<table><tr><td>版权所有：某县人民政府</td><td>网站标识码：1234</td></tr></table>
</body></html>"""


def _body_lines(doc) -> list[str]:
    return [doc.text[s.char_start:s.char_end] for s in clean(doc).body]


def _read(tmp_path, html: str):
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    (doc,) = read_documents(path)
    return doc


def test_table_rows_are_lines_with_caption_and_spanned_cells(tmp_path):
    doc = _read(tmp_path, ARTICLE)
    body = _body_lines(doc)
    assert "表1 某市2025年示范项目清单" in body
    assert "序号 | 项目名称 | 责任单位 | 完成时限" in body
    assert "1 | 智慧城市 示范工程 | 市工业和信息化局 | 2025年12月" in body
    # The cell spanning rows 2 and 3 belongs to both.
    assert "3 | 老旧小区改造提升行动 | 市住房城乡建设局 | 2025年9月" in body
    assert not any(set(line) <= set("|- ") for line in doc.text.split("\n") if line.strip())
    # A table after the last paragraph is still content; the page's menu and footer are not.
    assert not any("网站地图" in line or "ICP" in line or "办事服务" in line for line in body)


def test_layout_tables_do_not_swallow_the_article(tmp_path):
    doc = _read(tmp_path, LAYOUT)
    lines = doc.text.split("\n")
    # Paragraphs stay paragraphs, the nested table stays in place and row by row.
    assert lines.index("各乡镇人民政府：") < lines.index("补贴项目 | 补贴标准 | 资金来源") \
        < lines.index("本通知自印发之日起执行。")
    assert "耕地地力保护补贴 | 每亩100元 | 中央财政" in lines
    body = _body_lines(doc)
    assert not any("首页" in line or "版权所有" in line for line in body)


def test_page_of_empty_layout_tables_is_refused_with_one_line(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><table><tr><td><table><tr><td></td></tr></table></td></tr></table></body></html>",
                    encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_documents(path)
    assert "empty.html" in str(info.value) and "\n" not in str(info.value)


def test_docx_tables_are_read_in_place_row_by_row(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("一、重点项目")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["序号", "项目名称", "责任单位"], ["1", "智慧城市示范工程", "市工业和信息化局"],
                             ["2", "城市更新试点", ""]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(1, 2).merge(table.cell(2, 2))      # one agency for both rows
    document.add_paragraph("二、保障措施")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    (doc,) = read_documents(path)
    assert doc.text.split("\n") == ["一、重点项目", "序号 | 项目名称 | 责任单位", "1 | 智慧城市示范工程 | 市工业和信息化局",
                                    "2 | 城市更新试点 | 市工业和信息化局", "二、保障措施"]
