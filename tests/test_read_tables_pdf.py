"""PDF tables: a ruled table's rows come out one per line, a wrapped cell's text in one piece."""
from __future__ import annotations

import io

import pytest

from ingest.pdf_tables import CELL_SEPARATOR, Piece, cell_text
from ingest.read import read_documents

pytest.importorskip("reportlab")


def _table_pdf(tmp_path, rows: list[list[list[str]]], prose: list[str]) -> object:
    """A page with prose lines above a ruled table; each cell is a list of its printed lines."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont("STSong-Light", 10)
    y = 800
    for line in prose:
        pdf.drawString(50, y, line)
        y -= 20
    widths = [40, 120, 120]
    xs = [50]
    for w in widths:
        xs.append(xs[-1] + w)
    row_height = 36
    top = y
    ys = [top - row_height * k for k in range(len(rows) + 1)]
    for x in xs:
        pdf.line(x, ys[0], x, ys[-1])
    for yy in ys:
        pdf.line(xs[0], yy, xs[-1], yy)
    # Written line by line across the row, as a word processor prints it: a cell that wraps has its
    # second line drawn after the first lines of the cells to its right.
    for r, row in enumerate(rows):
        depth = max(len(cell) for cell in row)
        for k in range(depth):
            for c, cell in enumerate(row):
                if k < len(cell):
                    pdf.drawString(xs[c] + 3, ys[r] - 12 - 11 * k, cell[k])
    pdf.drawString(50, ys[-1] - 30, "以上事项自2025年1月1日起施行。")
    pdf.save()
    path = tmp_path / "table.pdf"
    path.write_bytes(buffer.getvalue())
    return path


def test_wrapped_cells_rejoined_and_rows_kept_on_one_line(tmp_path):
    path = _table_pdf(tmp_path, [
        [["序号"], ["事项名称"], ["事项类别"]],
        [["1"], ["超限高", "层建筑工程审批"], ["行政许可"]],
        [["2"], ["建设工程规划", "许可证核发"], ["行政", "许可"]],
    ], ["附件1", "某省投资项目事项清单"])
    (doc,) = read_documents(path)
    lines = [line for line in doc.text.split("\n") if line.strip()]
    assert f"1{CELL_SEPARATOR}超限高层建筑工程审批{CELL_SEPARATOR}行政许可" in lines
    assert f"2{CELL_SEPARATOR}建设工程规划许可证核发{CELL_SEPARATOR}行政许可" in lines
    assert not any(line.strip() == "层建筑工程审批" for line in lines)
    # Text around the table is pypdf's own, in reading order.
    assert lines[0] == "附件1" and lines[1] == "某省投资项目事项清单"
    assert lines[-1] == "以上事项自2025年1月1日起施行。"


def test_page_without_rules_is_left_as_pypdf_reads_it(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont("STSong-Light", 12)
    pdf.drawString(50, 800, "一、总体要求")
    pdf.drawString(50, 780, "到2025年，建成一批示范")
    pdf.drawString(50, 760, "工程。")
    pdf.rect(40, 740, 300, 80)   # a box round the text (a 专栏) is no table
    pdf.save()
    path = tmp_path / "box.pdf"
    path.write_bytes(buffer.getvalue())
    (doc,) = read_documents(path)
    assert [line for line in doc.text.split("\n") if line.strip()] == ["一、总体要求", "到2025年，建成一批示范", "工程。"]


def test_cell_text_joins_lines_and_drops_letter_spacing():
    pieces = [Piece("政 府 投 资 项", 10, 100, 9), Piece("\n", 0, 0, 9), Piece("目 审 批", 10, 88, 9),
              Piece("（GB", 10, 76, 9), Piece("50223）", 10, 64, 9)]
    assert cell_text(pieces) == "政府投资项目审批（GB50223）"
    assert cell_text([Piece("Wi-Fi", 0, 10, 9), Piece("network", 0, 0, 9)]) == "Wi-Fi network"


def test_unruled_numbered_table_keeps_each_row_on_one_line(tmp_path):
    # A 任务分工 table printed without rules: a number column, then cells whose text wraps; the number is
    # centred on its row, so it sits below the first lines of its cells.
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont("STSong-Light", 10)
    pdf.drawString(50, 800, "附件：重点任务分工方案")
    rows = [
        (["打造自主先进的技术体系，制", "定网络强国工程实施纲要。"], ["国家发展改革委、工业和信", "息化部牵头，科技部负责"]),
        (["加快高速宽带网络建设。"], ["工业和信息化部牵头"]),
        (["推进农业信息化，实施现代", "农业行动，组织实施农业", "农村信息化工程。"], ["农业部、水利部牵头，国家", "卫生计生委等按职责分工负责"]),
    ]
    y = 770
    for number, (work, units) in enumerate(rows, 1):
        depth = max(len(work), len(units))
        pdf.drawString(55, y - 12 * (depth - 1) / 2, str(number))
        for k, line in enumerate(work):
            pdf.drawString(90, y - 12 * k, line)
        for k, line in enumerate(units):
            pdf.drawString(260, y - 12 * k, line)
        y -= 12 * depth + 10
    pdf.drawString(280, 60, "—3—")
    pdf.save()
    path = tmp_path / "unruled.pdf"
    path.write_bytes(buffer.getvalue())
    (doc,) = read_documents(path)
    lines = [line for line in doc.text.split("\n") if line.strip()]
    sep = CELL_SEPARATOR
    assert f"1{sep}打造自主先进的技术体系，制定网络强国工程实施纲要。{sep}国家发展改革委、工业和信息化部牵头，科技部负责" in lines
    assert f"2{sep}加快高速宽带网络建设。{sep}工业和信息化部牵头" in lines
    assert f"3{sep}推进农业信息化，实施现代农业行动，组织实施农业农村信息化工程。{sep}农业部、水利部牵头，国家卫生计生委等按职责分工负责" in lines
    assert lines[0] == "附件：重点任务分工方案" and lines[-1] == "—3—"


def test_prose_with_numbers_is_no_table(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont("STSong-Light", 10)
    for k, line in enumerate(["1", "一、总体要求，坚持创新驱动。", "2", "二、主要任务，推进产业升级。", "3", "三、保障措施。"]):
        pdf.drawString(50, 800 - 14 * k, line)
    pdf.save()
    path = tmp_path / "prose.pdf"
    path.write_bytes(buffer.getvalue())
    (doc,) = read_documents(path)
    assert [line for line in doc.text.split("\n") if line.strip()][:2] == ["1", "一、总体要求，坚持创新驱动。"]
