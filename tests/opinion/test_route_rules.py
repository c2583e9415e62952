"""Every route declares who may reach it; a route added without a rule fails here."""


def test_every_route_has_a_permission_rule(app):
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        view = app.view_functions[rule.endpoint]
        if not getattr(view, "required_roles", None):
            missing.append(f"{rule.rule} ({rule.endpoint})")
    assert missing == []


def test_anonymous_is_refused_everywhere_but_public_routes(client, app):
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if rule.endpoint == "static" or "public" in getattr(view, "required_roles", ()):
            continue
        url = (rule.rule.replace("<int:report_id>", "1").replace("<code>", "T1")
               .replace("<int:body_id>", "1").replace("<name>", "xu-huong"))
        method = "GET" if "GET" in rule.methods else min(rule.methods - {"OPTIONS", "HEAD"})
        response = client.open(url, method=method)
        if rule.rule.startswith("/api/"):
            assert response.status_code == 401, url
        else:
            assert response.status_code in (302, 400), url  # to the login page (or CSRF refusal)
