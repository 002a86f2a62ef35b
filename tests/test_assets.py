"""The theme's scripts and style sheets reach the site minified, and theme/ is never written to."""
from __future__ import annotations

import os

from plugins.agencies.assets import minify_folder


def test_scripts_and_styles_are_minified_in_place(tmp_path) -> None:
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text("/* why */\nbody {\n  color: #000;\n}\n", "utf-8")
    (tmp_path / "app.js").write_text("// why\nvar label = \"ค้นหา\";  // Thai survives\nfunction f(a) {\n  return a;\n}\n",
                                     "utf-8")
    (tmp_path / "logo.svg").write_text("<svg>\n  <g/>\n</svg>\n", "utf-8")
    saved = minify_folder(tmp_path)
    assert (tmp_path / "css" / "site.css").read_text("utf-8") == "body{color:#000}"
    script = (tmp_path / "app.js").read_text("utf-8")
    assert "why" not in script and 'var label="ค้นหา";' in script and "function f(a){return a;}" in script
    assert (tmp_path / "logo.svg").read_text("utf-8") == "<svg>\n  <g/>\n</svg>\n"  # other files untouched
    assert saved > 0 and not list(tmp_path.rglob(".*.min"))


def test_a_hard_link_to_the_theme_is_not_written_through(tmp_path) -> None:
    source = tmp_path / "theme.css"
    source.write_text("a {\n  color: red;\n}\n", "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    os.link(source, out / "theme.css")
    minify_folder(out)
    assert (out / "theme.css").read_text("utf-8") == "a{color:red}"
    assert source.read_text("utf-8") == "a {\n  color: red;\n}\n"

