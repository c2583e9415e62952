"""Social links: check them, recognise the platform, and canonicalise them so the same post
sent twice is known as the same. The app never fetches a link."""
import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit


class LinkError(ValueError):
    """An unusable link; str(err) is a Vietnamese message for the user."""


@dataclass(frozen=True)
class Link:
    url: str  # cleaned for storage and display (tracking parameters removed)
    canonical: str  # what two spellings of the same post have in common
    platform: str


PLATFORMS = ("facebook", "zalo", "tiktok", "youtube", "news", "other")
MAX_URL_LENGTH = 2000

# Registrable domains per platform; matched on label boundaries (evilfacebook.com is not facebook).
PLATFORM_DOMAINS = {
    "facebook": ("facebook.com", "fb.com", "fb.watch", "fb.me", "messenger.com"),
    "zalo": ("zalo.me", "zaloapp.com", "zalo.vn"),
    "tiktok": ("tiktok.com",),
    "youtube": ("youtube.com", "youtu.be", "youtube-nocookie.com"),
}
# Online newspapers: Vietnamese hosts not listed above. Government portals (.gov.vn) are
# official sources, not press, so they stay "other".
NEWS_SUFFIXES = (".vn",)
NOT_NEWS_SUFFIXES = (".gov.vn",)
# Vietnamese news sites outside .vn.
NEWS_DOMAINS = ("vnexpress.net", "baomoi.com", "vietnamfinance.vn", "bbc.com", "rfa.org", "voatiengviet.com")

# Sub-domains that are only another door to the same site.
MIRROR_PREFIXES = ("www.", "m.", "mbasic.", "web.", "touch.", "mobile.", "music.", "vi-vn.")
CANONICAL_HOSTS = {"fb.com": "facebook.com", "youtube-nocookie.com": "youtube.com"}

# Query parameters that only track who shared what: never part of a post's identity.
TRACKING_PARAMS = {
    "fbclid", "gclid", "dclid", "msclkid", "igshid", "igsh", "mibextid", "si", "ref", "ref_src",
    "ref_url", "is_from_webapp", "sender_device", "_rdr", "rdid", "share_url", "__tn__",
    "__cft__[0]", "__xts__[0]", "feature", "pp", "_t", "_r", "share_app_id", "share_link_id",
    "sharer_id", "social_sharing", "zarsrc", "utm_id", "s", "sfnsn", "_nc_ht",
}
TRACKING_PREFIXES = ("utm_", "__cft__", "__xts__", "share_")
# Facebook: the parameters that name the post; everything else is dropped from the canonical form.
FACEBOOK_KEEP = {"story_fbid", "id", "v", "fbid", "set"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_LABEL = re.compile(r"^(?!-)[a-z0-9\-]{1,63}(?<!-)$")
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_\-]{6,20}$")

SCHEME_MESSAGE = "Chỉ chấp nhận liên kết bắt đầu bằng http:// hoặc https://."
MALFORMED_MESSAGE = "Đường liên kết không hợp lệ: hãy sao chép lại nguyên văn từ trình duyệt hoặc nút Chia sẻ."


def _on_domain(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def platform_of(host: str) -> str:
    for platform, domains in PLATFORM_DOMAINS.items():
        if any(_on_domain(host, domain) for domain in domains):
            return platform
    if any(_on_domain(host, domain) for domain in NEWS_DOMAINS):
        return "news"
    if host.endswith(NEWS_SUFFIXES) and not host.endswith(NOT_NEWS_SUFFIXES):
        return "news"
    return "other"


def _check_host(host: str) -> None:
    try:
        ipaddress.ip_address(host.strip("[]"))
        return
    except ValueError:
        pass
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        raise LinkError(MALFORMED_MESSAGE)


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def _split(raw: str):
    if not isinstance(raw, str) or not raw.strip():
        raise LinkError("Vui lòng dán đường liên kết của bài đăng.")
    raw = raw.strip()
    if len(raw) > MAX_URL_LENGTH:
        raise LinkError(f"Đường liên kết quá dài (tối đa {MAX_URL_LENGTH} ký tự).")
    if _CONTROL.search(raw) or " " in raw:
        raise LinkError(MALFORMED_MESSAGE)
    scheme_match = re.match(r"^([A-Za-z][A-Za-z0-9+.\-]*):", raw)
    if scheme_match and not raw.lower().startswith(("http://", "https://")):
        # "facebook.com:443/x" has no scheme; "javascript:..." has a dangerous one.
        if not re.match(r"^[^/]+:\d+(/|$)", raw):
            raise LinkError(SCHEME_MESSAGE)
    if not scheme_match or not raw.lower().startswith(("http://", "https://")):
        raw = "https://" + raw.lstrip("/")
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as err:
        raise LinkError(MALFORMED_MESSAGE) from err
    if parts.scheme.lower() not in ("http", "https"):
        raise LinkError(SCHEME_MESSAGE)
    if parts.username is not None or parts.password is not None:
        raise LinkError("Đường liên kết không được chứa tên đăng nhập hoặc mật khẩu.")
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise LinkError(MALFORMED_MESSAGE)
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError as err:
        raise LinkError(MALFORMED_MESSAGE) from err
    _check_host(host)
    return parts, host, port


def _path(path: str) -> str:
    # One spelling per path: decode what needs no encoding, encode what must be.
    return quote(unquote(path), safe="/:@!$&'()*+,;=-._~%")


def _netloc(host: str, port: int | None, scheme: str) -> str:
    default = {"http": 80, "https": 443}[scheme]
    return host if port in (None, default) else f"{host}:{port}"


def _canonical(platform: str, host: str, path: str, query: list[tuple[str, str]]) -> str:
    bare = host
    for prefix in MIRROR_PREFIXES:
        if bare.startswith(prefix) and bare.count(".") >= 2:
            bare = bare[len(prefix):]
            break
    bare = CANONICAL_HOSTS.get(bare, bare)
    path = path.rstrip("/") or "/"
    if platform == "youtube":
        video = None
        if bare == "youtu.be":
            video = path.strip("/").split("/")[0]
        elif path == "/watch":
            video = dict(query).get("v")
        elif path.startswith(("/shorts/", "/live/", "/embed/")):
            video = path.split("/")[2]
        if video and _YOUTUBE_ID.match(video):
            return f"https://youtube.com/watch?v={video}"
    if platform == "facebook":
        query = [(k, v) for k, v in query if k in FACEBOOK_KEEP]
    if platform == "tiktok":
        query = []
    return urlunsplit(("https", bare, path, urlencode(sorted(query)), ""))


def parse_link(raw: str) -> Link:
    parts, host, port = _split(raw)
    scheme = parts.scheme.lower()
    platform = platform_of(host)
    path = _path(parts.path) or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    url = urlunsplit((scheme, _netloc(host, port, scheme), path, urlencode(query), ""))
    return Link(url=url, canonical=_canonical(platform, host, path, query), platform=platform)
