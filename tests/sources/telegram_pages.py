"""Telegram channel preview pages (`t.me/s/<channel>`) for tests, written here after the
real pages' markup (the post blocks, their `data-post`, the date link with its `<time>`,
the "edited" mark, the text block with `<br/>`s and links, the `rel="prev"` link to older
posts): no real page is saved in the corpus, so these are realistic, not captured."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class FakePost:
    number: int
    text: str  # plain text; "\n" becomes <br/>
    at: datetime
    edited: bool = False
    photo_only: bool = False


_HEAD = """<!DOCTYPE html>
<html>
  <head>
    <meta charset="utf-8">
    <title>{title} – Telegram</title>
    <meta property="og:title" content="{title}">
    {prev}
  </head>
  <body class="widget_frame_base tgme_webpage_body">
    <main class="tgme_main">
      <section class="tgme_channel_history js-message_history">
"""
_INFO = """    <div class="tgme_channel_info">
      <div class="tgme_channel_info_header">
        <div class="tgme_channel_info_header_title"><span dir="auto">{title}</span></div>
        <div class="tgme_channel_info_header_username"><a href="https://t.me/{channel}">@{channel}</a></div>
      </div>
      <div class="tgme_channel_info_counters"><div class="tgme_channel_info_counter"><span class="counter_value">512K</span> <span class="counter_type">subscribers</span></div></div>
    </div>
"""
_POST = """        <div class="tgme_widget_message_wrap js-widget_message_wrap">
          <div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="{channel}/{number}" data-view="eyJjIjo">
            <div class="tgme_widget_message_user"><a href="https://t.me/{channel}"><i class="tgme_widget_message_user_photo bgcolor6"></i></a></div>
            <div class="tgme_widget_message_bubble">
              <div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/{channel}"><span dir="auto">{title}</span></a></div>
              {body}
              <div class="tgme_widget_message_footer compact js-message_footer">
                <div class="tgme_widget_message_info short js-message_info">
                  <span class="tgme_widget_message_views">18.2K</span><span class="copyonly"> views</span><span class="tgme_widget_message_meta">{edited}<a class="tgme_widget_message_date" href="https://t.me/{channel}/{number}"><time datetime="{at}" class="time">{clock}</time></a></span>
                </div>
              </div>
            </div>
          </div>
        </div>
"""
_TAIL = """      </section>
    </main>
  </body>
</html>
"""


def preview_page(
    channel: str,
    posts: list[FakePost],
    *,
    title: str = "Олег Синєгубов",
    older: int | None = None,
) -> bytes:
    """One preview page with these posts (oldest first, as Telegram lays them out), and a
    link to the page before the post numbered `older` when there is one."""
    prev = f'<link rel="prev" href="/s/{channel}?before={older}">' if older else ""
    parts = [
        _HEAD.format(title=html.escape(title), prev=prev),
        _INFO.format(title=html.escape(title), channel=channel),
    ]
    for post in posts:
        if post.photo_only:
            body = '<a class="tgme_widget_message_photo_wrap" href="https://t.me/x/1" style="width:800px"></a>'
        else:
            text = "<br/>".join(html.escape(line) for line in post.text.split("\n"))
            body = f'<div class="tgme_widget_message_text js-message_text" dir="auto">{text}</div>'
        parts.append(
            _POST.format(
                channel=channel,
                number=post.number,
                title=html.escape(title),
                body=body,
                edited='<span class="tgme_widget_message_edited">edited</span> '
                if post.edited
                else "",
                at=post.at.isoformat(),
                clock=post.at.strftime("%H:%M"),
            )
        )
    parts.append(_TAIL)
    return "".join(parts).encode("utf-8")


def changed_markup_page() -> bytes:
    """The same posts after a redesign renamed every class: the parser must notice."""
    return (
        b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Channel</title></head>"
        b"<body><div class='tg-post' data-id='1001'><p>\xd0\x92\xd0\xb8\xd0\xb1\xd1\x83\xd1\x85\xd0\xb8 "
        b"\xd1\x83 \xd0\xa5\xd0\xb0\xd1\x80\xd0\xba\xd0\xbe\xd0\xb2\xd1\x96</p></div></body></html>"
    )
