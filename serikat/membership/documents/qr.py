"""QR codes of the cards' verification addresses, as SVG, made with segno.

segno chooses each code's mask the way ISO/IEC 18004 asks (the lowest of eight penalty scores), in
pure Python: about 4-5 ms a code, the largest cost of a card (the Typst compile of a batch costs
about 1 ms a card). A fixed mask would be four times faster but is not what the standard asks, and
codes on cards are scanned by every kind of phone for years; worker processes were tried and left
out: on two cores under load they gained nothing, and they break callers whose main module is not
guarded (`if __name__ == "__main__"`).
"""

from __future__ import annotations

import io

import segno


def qr_svg(url: str) -> str:
    """The QR code of `url` as SVG (error correction M, the standard four-module quiet zone)."""
    code = segno.make_qr(url, error="m")
    out = io.BytesIO()
    code.save(out, kind="svg", xmldecl=False, svgns=True, border=4, nl=False, svgclass=None, lineclass=None)
    return out.getvalue().decode("ascii")


def qr_svgs(urls: list[str]) -> list[str]:
    """The QR codes of `urls`, in order."""
    return [qr_svg(url) for url in urls]
