"""A refused data package leaves nothing beside the book (issue 22, point 1): its attachment
files are taken away again with its rows, whatever refused it — the book's check after the rows
were loaded, or a damaged file halfway through the copying."""

from __future__ import annotations

import json
from pathlib import Path

from partybook.cli.parser import main
from tests.hardening.test_package_rules_fuzz import demo_package, files_of, resealed  # noqa: F401


def _import(tmp_path: Path, raw: bytes, capsys) -> tuple[int, str]:
    source = tmp_path / "p.zip"
    source.write_bytes(raw)
    code = main(["--db", str(tmp_path / "b.sqlite"), "import", "package", str(source)])
    return code, capsys.readouterr().err


def _left(tmp_path: Path) -> list[str]:
    return sorted(
        p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.name != "p.zip"
    )


def test_a_package_the_books_check_refuses_leaves_no_attachment_folder(
    demo_package,  # noqa: F811
    tmp_path,
    capsys,
) -> None:
    files = files_of(demo_package)
    assert any(n.startswith("attachments/") for n in files)  # the demo has photos
    content = json.loads(files["tables/member.json"])
    number, left = content["columns"].index("id_number"), content["columns"].index("left_on")
    active = [r for r in content["rows"] if r[left] is None and r[number]]
    active[1][number] = active[0][number]  # two people, one 身份证号: only the check sees it
    files["tables/member.json"] = json.dumps(content, ensure_ascii=False).encode()
    code, err = _import(tmp_path, resealed(files), capsys)
    assert code == 2 and "没有导入" in err, err
    assert _left(tmp_path) == [], _left(tmp_path)


def test_a_damaged_photo_after_others_were_copied_leaves_none_of_them(
    demo_package,  # noqa: F811
    tmp_path,
    capsys,
) -> None:
    files = files_of(demo_package)
    photos = sorted(n for n in files if n.startswith("attachments/"))
    assert len(photos) > 1
    last = photos[-1]
    files[last] = bytes(len(files[last]))  # its size, not its content
    code, err = _import(tmp_path, resealed(files), capsys)
    assert code == 2 and "附件已损坏" in err, err
    assert _left(tmp_path) == [], _left(tmp_path)
