from django.test import Client


def test_an_expired_form_gets_the_chinese_csrf_page(db):
    response = Client(enforce_csrf_checks=True).post("/display-mode/", {"mode": "large_text"})
    assert response.status_code == 403
    assert "页面已过期，请返回上一页刷新后重新提交" in response.content.decode()
