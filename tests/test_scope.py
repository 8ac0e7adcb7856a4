from cadre.people.selectors import cadres_for


def test_scope_by_role(county):
    u = county.users
    assert set(cadres_for(u["zzb"])) == {county.cadre_a, county.cadre_b}
    assert set(cadres_for(u["rsk"])) == {county.cadre_a}
    assert set(cadres_for(u["self_a"])) == {county.cadre_a}
    for admin in ("sysadmin", "secadmin", "auditor"):
        assert not cadres_for(u[admin]).exists()
