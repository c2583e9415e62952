"""import-users: a valid sheet creates everyone; a bad one creates no one and says why, row by row."""
from openpyxl import Workbook
from sqlalchemy import func, select

from opinion.extensions import db
from opinion.models import User


def write_csv(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return str(path)


def user_count():
    return db.session.scalar(select(func.count(User.id)))


def test_import_from_xlsx(runner, units, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["username", "full_name", "role", "village", "password"])
    for i in range(30):
        sheet.append([f"ctv{i:02d}.anbinh", f"Cộng tác viên số {i}", "collaborator",
                      "T1-A-1" if i % 2 else "Bản Khuổi", None if i % 3 else "mat-khau-rieng"])
    path = tmp_path / "ctv.xlsx"
    book.save(path)
    result = runner.invoke(args=["import-users", str(path), "--unit", "T1-A"])
    assert result.exit_code == 0, result.output
    assert user_count() == 30
    assert "mật khẩu tạm" in result.output
    user = db.session.scalar(select(User).where(User.username == "ctv00.anbinh"))
    assert user.village.code == "T1-A-2" and user.check_password("mat-khau-rieng")


def test_bad_rows_import_nothing(runner, units, tmp_path):
    path = write_csv(tmp_path / "bad.csv", "username,full_name,role,village,password\n"
                     "ctv.mot,Nguyễn Văn Một,collaborator,T1-A-1,\n"
                     "ctv.mot,Trùng Tên,collaborator,,\n"
                     "Ctv Hai,Tên Sai,collaborator,,\n"
                     "ctv.ba,Ba,thu_ky,,\n"
                     "ctv.bon,Bốn,collaborator,Thôn Đông,\n"
                     "ctv.nam,=HYPERLINK(\"x\"),collaborator,,\n"
                     "ctv.sau,Sáu,collaborator,,ngan\n")
    result = runner.invoke(args=["import-users", path, "--unit", "T1-A"])
    assert result.exit_code == 1
    for expected in ("Dòng 3: tên đăng nhập ctv.mot trùng với dòng 2", "Dòng 4: tên đăng nhập chỉ gồm",
                     "Dòng 5: vai trò", "Dòng 6: thôn/bản “Thôn Đông” không thuộc",
                     "Dòng 7: có công thức", "Dòng 8: mật khẩu cần ít nhất"):
        assert expected in result.output
    assert user_count() == 0


def test_missing_columns_and_wrong_encoding(runner, units, tmp_path):
    no_role = write_csv(tmp_path / "a.csv", "username,full_name\nctv.a1,Tên\n")
    result = runner.invoke(args=["import-users", no_role, "--unit", "T1-A"])
    assert result.exit_code == 1 and "Thiếu cột: role" in result.output
    latin = write_csv(tmp_path / "b.csv", "username,full_name,role\nctv.b1,Nguyễn Văn Bình,collaborator\n",
                      encoding="utf-16")
    result = runner.invoke(args=["import-users", latin, "--unit", "T1-A"])
    assert result.exit_code == 1 and "UTF-8" in result.output
    assert user_count() == 0


def test_too_many_rows(runner, units, tmp_path):
    lines = "".join(f"ctv{i}.x,Tên {i},collaborator,,\n" for i in range(10_000))
    path = write_csv(tmp_path / "big.csv", "username,full_name,role,village,password\n" + lines)
    result = runner.invoke(args=["import-users", path, "--unit", "T1-A"])
    assert result.exit_code == 1 and "tối đa 5000 dòng" in result.output
    assert user_count() == 0
