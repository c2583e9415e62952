"""Social links: platform, canonical form, refusals. Pure functions, no database."""
import pytest

from opinion.services.links import MAX_URL_LENGTH, LinkError, parse_link


@pytest.mark.parametrize("url, platform", [
    ("https://www.facebook.com/groups/123/posts/456/", "facebook"),
    ("https://m.facebook.com/story.php?story_fbid=1&id=2", "facebook"),
    ("https://mbasic.facebook.com/story.php?story_fbid=1&id=2", "facebook"),
    ("https://fb.watch/abcDEF/", "facebook"),
    ("https://www.facebook.com/share/p/1AbCdE/", "facebook"),
    ("https://www.facebook.com/share/v/1AbCdE/", "facebook"),
    ("https://zalo.me/g/xyz123", "zalo"),
    ("https://chat.zalo.me/abc", "zalo"),
    ("https://www.tiktok.com/@user/video/7312345678901234567", "tiktok"),
    ("https://vt.tiktok.com/ZS8abcd/", "tiktok"),
    ("https://vm.tiktok.com/ZMabc/", "tiktok"),
    ("https://youtu.be/abc123XYZ", "youtube"),
    ("https://www.youtube.com/shorts/abc123XYZ", "youtube"),
    ("https://m.youtube.com/watch?v=abc123XYZ", "youtube"),
    ("https://vnexpress.net/thoi-su", "news"),
    ("https://example.com/blog", "other"),
    ("https://baolamson.vn/thoi-su/bai-viet-123.html", "news"),
    ("https://tuoitre.com.vn/a.htm", "news"),
    ("https://chinhphu.gov.vn/a", "other"),
    ("https://evilfacebook.com/post/1", "other"),
    ("https://facebook.com.evil.io/post/1", "other"),
    ("https://notyoutube.com/watch?v=abc123XYZ", "other"),
])
def test_platform(url, platform):
    assert parse_link(url).platform == platform


@pytest.mark.parametrize("first, second", [
    ("https://m.facebook.com/story.php?story_fbid=123&id=456&fbclid=AbC",
     "https://www.facebook.com/story.php?id=456&story_fbid=123&mibextid=Zx"),
    ("https://mbasic.facebook.com/groups/1/posts/2/?__tn__=R", "facebook.com/groups/1/posts/2"),
    ("https://youtu.be/abc123XYZ?si=track", "https://www.youtube.com/watch?v=abc123XYZ&feature=share"),
    ("https://www.youtube.com/shorts/abc123XYZ", "https://m.youtube.com/watch?v=abc123XYZ&pp=x"),
    ("https://www.tiktok.com/@u/video/731?is_from_webapp=1&sender_device=pc",
     "https://m.tiktok.com/@u/video/731/?_t=8abc&_r=1"),
    ("https://baolamson.vn/bai-1.html?utm_source=zalo&utm_medium=social", "https://baolamson.vn/bai-1.html#top"),
    ("HTTPS://WWW.FACEBOOK.COM/groups/1/posts/2/", "https://facebook.com/groups/1/posts/2"),
])
def test_same_post_same_canonical(first, second):
    assert parse_link(first).canonical == parse_link(second).canonical


@pytest.mark.parametrize("first, second", [
    ("https://m.facebook.com/story.php?story_fbid=123&id=456", "https://m.facebook.com/story.php?story_fbid=124&id=456"),
    ("https://youtu.be/abc123XYZ", "https://youtu.be/abc123XYY"),
    ("https://vt.tiktok.com/ZS8abcd/", "https://vt.tiktok.com/ZS8abce/"),
    ("https://baolamson.vn/bai-1.html", "https://baolamson.vn/bai-2.html"),
])
def test_different_posts_differ(first, second):
    assert parse_link(first).canonical != parse_link(second).canonical


def test_tracking_parameters_are_removed_from_the_stored_url():
    link = parse_link("https://www.facebook.com/groups/1/posts/2/?fbclid=x&utm_source=y&igshid=z&mibextid=w")
    assert link.url == "https://www.facebook.com/groups/1/posts/2/"


def test_vietnamese_path_survives():
    link = parse_link("https://baolamson.vn/thời-sự/đường-sạt-lở.html")
    assert "%C4%91%C6%B0%E1%BB%9Dng" in link.url  # đường, percent-encoded once
    assert parse_link(link.url).canonical == link.canonical


def test_missing_scheme_means_https():
    assert parse_link("www.facebook.com/groups/1/posts/2").url.startswith("https://www.facebook.com/")


@pytest.mark.parametrize("raw, message", [
    ("", "Vui lòng dán"),
    ("   ", "Vui lòng dán"),
    ("javascript:alert(1)", "http:// hoặc https://"),
    ("JAVASCRIPT:alert(1)", "http:// hoặc https://"),
    ("data:text/html,<script>", "http:// hoặc https://"),
    ("file:///etc/passwd", "http:// hoặc https://"),
    ("ftp://example.vn/a", "http:// hoặc https://"),
    ("http://", "không hợp lệ"),
    ("https://abc", "không hợp lệ"),
    ("https://exa mple.com/", "không hợp lệ"),
    ("https://example.com:99999/", "không hợp lệ"),
    ("https://user:secret@example.com/", "tên đăng nhập hoặc mật khẩu"),
    ("https://example.com/\x00", "không hợp lệ"),
    ("https://example.com/" + "a" * MAX_URL_LENGTH, "quá dài"),
])
def test_refused_links(raw, message):
    with pytest.raises(LinkError) as caught:
        parse_link(raw)
    assert message in str(caught.value)
