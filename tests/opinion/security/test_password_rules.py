"""Password rules, in one function, used wherever a password is set."""
import pytest

from opinion.errors import ValidationFailed
from opinion.models.base import utcnow
from opinion.services import people
from opinion.services.admin import password_problems
from tests.conftest import PASSWORD


@pytest.mark.parametrize("password, username, expected", [
    ("ngan", "ctv.a", "ít nhất 12 ký tự"),
    ("0912345678901", "ctv.a", "không được chỉ gồm chữ số"),
    ("toi-la-ctv.a-day", "ctv.a", "không được chứa tên đăng nhập"),
    ("TOI-LA-CTV.A-DAY", "ctv.a", "không được chứa tên đăng nhập"),
    ("1234567890", "ctv.a", "quá phổ biến"),
    ("MatKhau123", "ctv.a", "quá phổ biến"),
    ("password123", "ctv.a", "quá phổ biến"),
])
def test_bad_passwords_are_named_in_vietnamese(password, username, expected):
    problems = password_problems(password, username)
    assert any(expected in problem for problem in problems), problems


def test_good_passwords_pass():
    assert password_problems(PASSWORD, "ctv.a") == []
    assert password_problems("Đồi chè xanh 2026", "ctv.a") == []
    assert password_problems(people.temporary_password(), "ctv.a") == []


def test_every_problem_is_listed():
    assert len(password_problems("123456789", "")) == 2  # short and digits only


def test_create_admin_applies_the_rules(runner, units):
    result = runner.invoke(args=["create-admin", "quantri", "--unit", "T1-A", "--password", "quantri-xa-an-binh"])
    assert result.exit_code == 1 and "không được chứa tên đăng nhập" in result.output
    result = runner.invoke(args=["create-admin", "quantri", "--unit", "T1-A", "--password", "matkhau123"])
    assert result.exit_code == 1 and "quá phổ biến" in result.output


def test_people_service_applies_the_rules(app, users, units):
    with pytest.raises(ValidationFailed) as refused:
        people.create_person(users["admin"], units["a"], "ctv.moi", "Hoàng Văn Mới", "collaborator",
                             None, "2026202620262026", utcnow())
    assert "chỉ gồm chữ số" in refused.value.fields["password"]


def test_forced_change_applies_the_rules(app, users):
    with pytest.raises(ValidationFailed) as refused:
        people.change_own_password(users["ctv"], "ctv.a-2026-moi", "ctv.a-2026-moi", utcnow(),
                                   current_password=PASSWORD)
    assert "không được chứa tên đăng nhập" in refused.value.fields["password"]


def test_user_import_applies_the_rules(runner, units, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("username,full_name,role,village,password\n"
                    "ctv.mot,Nguyễn Văn Một,collaborator,T1-A-1,password1234\n"
                    "ctv.hai,Trần Thị Hai,collaborator,,0987654321123\n", encoding="utf-8")
    result = runner.invoke(args=["import-users", str(path), "--unit", "T1-A"])
    assert result.exit_code == 1
    assert "Dòng 2: mật khẩu quá phổ biến" in result.output
    assert "Dòng 3: mật khẩu không được chỉ gồm chữ số" in result.output
