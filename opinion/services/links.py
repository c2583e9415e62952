"""Links to posts and articles: check them, recognise the platform, and give every spelling of
the same post one canonical form, so a post reported twice is recognised. The app never
fetches a link, so short links (fb.watch, vt.tiktok.com) cannot be resolved and keep their own
canonical form; youtu.be is the exception, since it carries the video id."""
import ipaddress
import re
import string
from dataclasses import dataclass
from urllib.parse import quote, unquote_plus, urlsplit, urlunsplit


class LinkError(ValueError):
    """An unusable link; str(err) is the Vietnamese message shown to the user."""


@dataclass(frozen=True)
class Link:
    url: str  # cleaned for storage and display: tracking parameters and fragment removed
    canonical: str  # the same for every spelling of the same post
    platform: str  # one of PLATFORMS


PLATFORMS = ("facebook", "zalo", "tiktok", "youtube", "news", "other")
MAX_URL_LENGTH = 2000  # the width of reports.url and reports.canonical_url

# Domains per platform, matched on whole labels: m.facebook.com is facebook, evilfacebook.com
# and facebook.com.evil.io are not.
PLATFORM_DOMAINS = {
    "facebook": ("facebook.com", "fb.com", "fb.watch", "fb.me"),
    "zalo": ("zalo.me", "zaloapp.com", "zalo.vn"),  # zalo.vn listed so it is not taken for news
    "tiktok": ("tiktok.com",),
    "youtube": ("youtube.com", "youtu.be", "youtube-nocookie.com"),
}
# "news" is an online newspaper: any other .vn host, and well-known outlets writing in
# Vietnamese from outside .vn. Government portals (.gov.vn) and schools (.edu.vn) publish
# official notices, not press, so they are "other".
NEWS_SUFFIX = ".vn"
NOT_NEWS_SUFFIXES = (".gov.vn", ".edu.vn")
NEWS_DOMAINS = ("vnexpress.net", "baomoi.com", "bbc.com", "rfa.org", "voatiengviet.com", "rfi.fr")

# Hosts that are only another door to the same site, with the spelling the canonical form uses.
# "www." is dropped from every host before this table is read.
CANONICAL_HOSTS = {
    **{prefix + "facebook.com": "facebook.com"
       for prefix in ("m.", "mbasic.", "web.", "touch.", "mobile.", "vi-vn.")},
    "fb.com": "facebook.com",
    "m.youtube.com": "youtube.com",
    "m.tiktok.com": "tiktok.com",
}

# Query parameters that only record who shared what, from where: never part of a post.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "igshid", "igsh", "mibextid",
    "si", "s", "ref", "ref_src", "ref_url", "feature", "pp", "is_from_webapp", "sender_device",
    "_rdr", "rdid", "share_url", "_t", "_r", "__tn__", "sfnsn", "zarsrc", "mc_cid", "mc_eid",
})
TRACKING_PREFIXES = ("utm_", "__cft__", "__xts__", "share_")  # utm_source, __cft__[0], share_app_id
# Query parameters kept in the canonical form, per platform; other platforms keep them all.
# Facebook: the ones that name the post; multi_permalinks names a post opened from a group's
# feed, without it every such link would look like the same post. TikTok: none, its paths
# name the video.
CANONICAL_PARAMS = {
    "facebook": frozenset({"story_fbid", "id", "v", "fbid", "multi_permalinks"}),
    "tiktok": frozenset(),
}
# YouTube paths that carry the video id: youtube.com/shorts/ID and friends.
YOUTUBE_ID_PATHS = ("shorts", "live", "embed")
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")  # every YouTube video id has 11 characters

DEFAULT_PORTS = {"http": 80, "https": 443}
_PATH_SAFE = "/:@!$&'()*+,;="  # RFC 3986 pchar and "/", besides the unreserved characters
_QUERY_SAFE = "/?:@!$'()*+,;="  # the same plus "?", minus "&" which separates parameters
_UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")
_PERCENT = re.compile(r"(%[0-9A-Fa-f]{2})")
# A scheme, but without the dot RFC 3986 allows: "facebook.com:443/x" is a host and a port.
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+-]*):")
# Zero-width characters often come along when a link is copied from a chat app.
_INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
_EDGES = re.compile(rf"^[\s{_INVISIBLE}]+|[\s{_INVISIBLE}]+$")
_INSIDE = re.compile(rf"[\s\x00-\x1f\x7f-\x9f{_INVISIBLE}]")
_LABEL = re.compile(r"(?!-)[a-z0-9_-]{1,63}(?<!-)")
_TOP_LABEL = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")

EMPTY = "Vui lòng dán đường liên kết của bài đăng."
WRONG_SCHEME = "Chỉ chấp nhận liên kết bắt đầu bằng http:// hoặc https://."
TOO_LONG = f"Đường liên kết quá dài (tối đa {MAX_URL_LENGTH} ký tự)."
HIDDEN_CHARACTERS = ("Đường liên kết chứa dấu cách hoặc ký tự lạ: hãy sao chép lại nguyên văn "
                     "từ trình duyệt hoặc nút Chia sẻ.")
BAD_HOST = "Đường liên kết không có tên miền hợp lệ (ví dụ: facebook.com, baochinhphu.vn)."
BAD_PORT = "Đường liên kết có số cổng không hợp lệ."
CREDENTIALS = "Đường liên kết không được chứa tên đăng nhập hoặc mật khẩu."


def parse_link(raw: str) -> Link:
    text = _EDGES.sub("", raw or "")
    if not text:
        raise LinkError(EMPTY)
    if len(text) > MAX_URL_LENGTH:
        raise LinkError(TOO_LONG)
    if _INSIDE.search(text):
        raise LinkError(HIDDEN_CHARACTERS)
    parts = _split(text)
    scheme, host, port = parts.scheme.lower(), _host(parts), _port(parts)
    platform = platform_of(host)
    path = _normalise(parts.path, _PATH_SAFE) or "/"
    query = [_normalise(param, _QUERY_SAFE) for param in parts.query.split("&")
             if param and not _is_tracking(param)]
    url = urlunsplit((scheme, _netloc(host, port, scheme), path, "&".join(query), ""))
    canonical = _canonical(platform, _netloc(_canonical_host(host), port, scheme), path, query)
    if max(len(url), len(canonical)) > MAX_URL_LENGTH:  # Vietnamese letters grow when encoded
        raise LinkError(TOO_LONG)
    return Link(url=url, canonical=canonical, platform=platform)


def platform_of(host: str) -> str:
    for platform, domains in PLATFORM_DOMAINS.items():
        if _on_any(host, domains):
            return platform
    if _on_any(host, NEWS_DOMAINS):
        return "news"
    if host.endswith(NEWS_SUFFIX) and not host.endswith(NOT_NEWS_SUFFIXES):
        return "news"
    return "other"


def _on_any(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def _split(text: str):
    scheme = _SCHEME.match(text)
    if scheme and scheme[1].lower() not in DEFAULT_PORTS:
        raise LinkError(WRONG_SCHEME)
    if not scheme:  # "facebook.com/...", "www.xyz.vn/...", "//host/...": assume https
        text = "https://" + text.lstrip("/")
    try:
        parts = urlsplit(text)
    except ValueError as err:  # an unclosed "[" of an IPv6 address, for one
        raise LinkError(BAD_HOST) from err
    if "@" in parts.netloc:  # also catches https://facebook.com@evil.example/
        raise LinkError(CREDENTIALS)
    return parts


def _host(parts) -> str:
    host = (parts.hostname or "").rstrip(".")
    try:
        ipaddress.ip_address(host)
        return host  # allowed, and always "other"
    except ValueError:
        pass
    try:
        host = host.encode("idna").decode("ascii")  # báo.vn -> xn--bo-mia.vn; rejects empty labels
    except UnicodeError as err:
        raise LinkError(BAD_HOST) from err
    labels = host.split(".")
    if len(labels) < 2 or not _TOP_LABEL.fullmatch(labels[-1]):
        raise LinkError(BAD_HOST)  # "http://abc", "http://999.1.1.1"
    if not all(map(_LABEL.fullmatch, labels)):
        raise LinkError(BAD_HOST)
    return host


def _port(parts) -> int | None:
    try:
        port = parts.port
    except ValueError as err:
        raise LinkError(BAD_PORT) from err
    if port == 0:
        raise LinkError(BAD_PORT)
    return port


def _netloc(host: str, port: int | None, scheme: str) -> str:
    shown = f"[{host}]" if ":" in host else host  # IPv6
    return shown if port in (None, DEFAULT_PORTS[scheme]) else f"{shown}:{port}"


def _normalise(text: str, safe: str) -> str:
    """One spelling per URL part: "~" and "%7E", "%c4" and "%C4", "đ" and "%C4%91" alike."""
    pieces = _PERCENT.split(text)  # odd positions hold the %XX escapes
    for i, piece in enumerate(pieces):
        if i % 2:
            char = chr(int(piece[1:], 16))
            pieces[i] = char if char in _UNRESERVED else piece.upper()
        else:
            pieces[i] = quote(piece, safe=safe)  # a lone "%" becomes "%25"
    return "".join(pieces)


def _name(param: str) -> str:
    return unquote_plus(param.partition("=")[0]).lower()


def _is_tracking(param: str) -> bool:
    name = _name(param)
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def _canonical_host(host: str) -> str:
    if host.count(".") >= 2:  # www.baolamson.vn is baolamson.vn; www.vn stays
        host = host.removeprefix("www.")
    return CANONICAL_HOSTS.get(host, host)


def _canonical(platform: str, netloc: str, path: str, query: list[str]) -> str:
    """Always https, no fragment, no trailing slash, parameters sorted; netloc already canonical."""
    if platform == "youtube" and (video := _youtube_video(netloc, path, query)):
        return f"https://youtube.com/watch?v={video}"
    kept = CANONICAL_PARAMS.get(platform)
    if kept is not None:
        query = [param for param in query if _name(param) in kept]
    return urlunsplit(("https", netloc, path.rstrip("/") or "/", "&".join(sorted(query)), ""))


def _youtube_video(netloc: str, path: str, query: list[str]) -> str | None:
    first, _, rest = path.strip("/").partition("/")
    if netloc.partition(":")[0] == "youtu.be":
        video = first
    elif first in YOUTUBE_ID_PATHS:
        video = rest.partition("/")[0]
    elif first == "watch":
        video = next((param.partition("=")[2] for param in query if _name(param) == "v"), "")
    else:
        return None
    return video if _YOUTUBE_ID.fullmatch(video) else None
