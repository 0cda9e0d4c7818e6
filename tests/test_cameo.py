import pytest

from detente.cameo import CameoTable, cameo_table
from detente.errors import DataFileError


def test_table_covers_all_roots():
    table = cameo_table()
    roots = {info.root for info in table}
    assert roots == {f"{i:02d}" for i in range(1, 21)}


@pytest.mark.parametrize("code,goldstein,quad,plover", [
    ("111", -2.0, 3, "ACCUSE"),
    ("072", 8.3, 2, "AID"),
    ("039", 5.0, 1, "AGREE"),
    ("0871", 9.0, 2, "RETREAT"),
    ("1246", -4.0, 3, "REJECT"),
    ("164", -7.0, 4, "SANCTION"),
    ("190", -10.0, 4, "ASSAULT"),
    ("020", 3.0, 1, None),  # PLOVER dropped CAMEO's appeals category
])
def test_known_codes(code, goldstein, quad, plover):
    info = cameo_table()[code]
    assert (info.goldstein, info.quad_class, info.plover) == (goldstein, quad, plover)


def test_leading_zero_and_names_with_commas():
    info = cameo_table()["0871"]
    assert info.code == "0871" and info.name == "Declare truce, ceasefire"


def test_bad_row_names_line():
    with pytest.raises(DataFileError, match="line 3"):
        CameoTable.from_text("code\tname\n010\tx\t0\t1\t\t\t\n99x\tbad\t0\t1\t\t\t\n")
