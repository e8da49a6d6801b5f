"""Word XML pieces python-docx cannot write, for tests that build documents."""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls


def text_box(paragraph, text: str) -> None:
    """A drawing anchored in `paragraph` whose text box holds `text`, with the VML copy Word writes beside
    it as the fallback."""
    def box() -> str:
        return ('<w:txbxContent><w:p><w:r><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr>'
                f"<w:t>{text}</w:t></w:r></w:p></w:txbxContent>")

    xml = (
        f'<w:r {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
        f"<mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>{box()}</wps:txbx></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box()}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    paragraph._p.append(parse_xml(xml))


def positioned_text_box(paragraph, text: str) -> None:
    """A VML text box with a position and size, anchored in `paragraph`: LibreOffice keeps such a box when
    it saves the document as .doc (an unpositioned one is dropped)."""
    xml = (
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
        '<v:shape type="#_x0000_t202" style="position:absolute;margin-left:0;margin-top:0;width:120pt;'
        'height:30pt"><v:textbox><w:txbxContent><w:p><w:r><w:rPr>'
        f'<w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr><w:t>{text}</w:t></w:r></w:p>'
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    paragraph._p.append(parse_xml(xml))
