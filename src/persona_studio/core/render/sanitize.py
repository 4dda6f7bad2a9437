"""The safety net: every chunk's HTML is cleaned with nh3 against an allowlist (see the package
docstring for the policy).

Most chunks of most personas are headings, paragraphs, lists and emphasis written without a
single `<`: the Markdown engine then made every tag of their HTML, and when each tag is one that
nh3 keeps as it is (no link but the line marks, no image, no attribute but a heading's plain id),
cleaning can change nothing but how the text is written. Such a chunk is written as nh3 would
write it without loading nh3 (a compiled library of 1.6 MB resident: the first window has no
need of it). Anything else goes through nh3; tests check both ways give the same HTML on the
corpus and on generated Markdown."""

from __future__ import annotations

import re

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "div", "dl", "dt",
        "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
        "ol", "p", "pre", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var",
    }
)  # fmt: skip

ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title", "name"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "span": {"class"},
    "div": {"class"},
    "code": {"class"},
    "pre": {"class"},
    **{f"h{level}": {"id"} for level in range(1, 7)},
}

LINK_SCHEMES = ("http:", "https:", "mailto:")

DATA_IMAGE_RE = re.compile(r"data:image/(?:png|jpeg|gif|webp|bmp);base64,[A-Za-z0-9+/=\s]*$", re.I)

LINE_MARK_RE = re.compile(r"ps-at-\d{1,9}$")

MARK_REL_RE = re.compile(r'<a name="(ps-at-\d{1,9})" rel="noopener noreferrer"></a>')

CLASS_RE = re.compile(r"[A-Za-z0-9_\- ]+$")

IMG_TAG_RE = re.compile(r"<img\b([^>]*)>")

ALT_RE = re.compile(r'\balt="([^"]*)"')

# The tags nh3 leaves as they are (tables are left out: their cells' alignment is a style, and
# text in them may be moved; so is <pre>, whose first line break the HTML parser drops).
PLAIN_TAG_RE = re.compile(
    r"</?(?:p|ul|ol|li|em|strong|code|blockquote|del|s)>"
    r'|<h[1-6](?: id="[A-Za-z0-9_-]{1,200}")?>|</h[1-6]>'
    r'|<a name="ps-at-\d{1,9}"></a>'
    r"|<(?:br|hr)(?: /)?>"
)

# The only character references the engines write in text; nh3 writes `"` for the first.
PLAIN_ENTITY_RE = re.compile(r"&(?:quot|amp|lt|gt);")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """Keep an attribute value only when it cannot load or run anything."""
    if attribute == "href":
        target = value.strip()
        lowered = target.lower()
        if target.startswith("#") or lowered.startswith(LINK_SCHEMES):
            return target
        return None
    if attribute == "src":
        return value if tag == "img" and DATA_IMAGE_RE.match(value.strip()) else None
    if attribute == "name":  # only the renderer's line marks (see engines.py)
        return value if LINE_MARK_RE.match(value) else None
    if attribute in ("class", "id"):
        return value if CLASS_RE.match(value) else None
    return value


def sanitize(fragment: str, source: str | None = None) -> str:
    """Clean an HTML fragment made from user text (see the package docstring for the policy).
    `source`: the Markdown the engine made it from, when known (see the module docstring)."""
    if source is not None:
        plain = _written_as_nh3_would(fragment, source)
        if plain is not None:
            return plain
    import nh3  # a compiled module, loaded on the first render

    cleaned = nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes={"http", "https", "mailto", "data"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    if "ps-at-" in cleaned:  # a line mark needs no rel: it links nowhere
        cleaned = MARK_REL_RE.sub(r'<a name="\1"></a>', cleaned)
    return IMG_TAG_RE.sub(_image_or_alt, cleaned)


def _image_or_alt(match: re.Match[str]) -> str:
    """An inline data image stays; any other image (its source removed) shows its alt text."""
    attributes = match.group(1)
    if 'src="data:' in attributes:
        return match.group(0)
    alt = ALT_RE.search(attributes)
    label = alt.group(1) if alt and alt.group(1).strip() else "image"
    return f'<span class="image-placeholder">[{label}]</span>'


def _written_as_nh3_would(fragment: str, source: str) -> str | None:
    """The engine's HTML of a source without `<` written as nh3 writes it, when all of its tags
    are ones nh3 keeps as they are; None when it must go through nh3."""
    if "<" in source or "\r" in fragment or "\x00" in fragment:
        return None
    if sum(tag.count("<") for tag in PLAIN_TAG_RE.findall(fragment)) != fragment.count("<"):
        return None  # a tag of another kind, or with attributes
    if "&" in fragment and PLAIN_ENTITY_RE.sub("", fragment).count("&"):
        return None
    return fragment.replace("&quot;", '"').replace(" />", ">").replace("\xa0", "&nbsp;")
