"""Web pages for tests of page sources, written here in the shape of ministries' and
agencies' news pages (navigation, a list of headline links, article pages with a header,
paragraphs and a footer); none is captured from a real site."""

from __future__ import annotations

import html


def listing(items: list[tuple[str, str]], *, title: str = "News — Ministry") -> bytes:
    """A news list: site navigation, then (path, headline) links, then a footer."""
    links = "\n".join(
        f'<li class="news-item"><a href="{path}">{html.escape(text)}</a><span class="date">20.05.2024</span></li>'
        for path, text in items
    )
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About us</a>
<a href="/contacts">Contacts</a> <a href="https://twitter.com/ministry">Twitter</a></nav></header>
<main><h1>News</h1><ul class="news-list">
{links}
</ul><a href="/report-2023.pdf">Annual report 2023 (PDF), all the numbers in one file</a></main>
<footer><p>© Ministry, all rights reserved</p><a href="/privacy">Privacy</a></footer></body></html>""".encode()


def article(headline: str, *paragraphs: str, date: str = "2024-05-20") -> bytes:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(headline)} — Ministry</title><meta property="article:published_time" content="{date}T09:30:00+03:00"></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>{html.escape(headline)}</h1><time datetime="{date}">{date}</time>
{body}
</article></main><footer><p>© Ministry</p></footer></body></html>""".encode()


def empty_shell() -> bytes:
    """A page a script fills in: no links to speak of, no text."""
    return b"<!DOCTYPE html><html><head><title>App</title></head><body><div id='root'></div><script src='/app.js'></script></body></html>"
