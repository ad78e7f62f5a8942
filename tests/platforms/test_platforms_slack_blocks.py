"""Buttons as Block Kit: actions blocks within Slack's limits, each press's command line as
the button's value, under the message's last part."""

from __future__ import annotations

from bot.commands.buttons import rows
from bot.platforms.slack.blocks import ACTION_PREFIX, BUTTONS_PER_BLOCK, messages
from bot.records import Block, BlockKind, Button, Document
from tests.platforms.slack_fake import validate_blocks


def test_a_region_picker_of_28_buttons_is_two_valid_actions_blocks() -> None:
    picker = [Button(f"Region {i}", f"wizard strike {i:02d}") for i in range(28)]
    document = Document((Block(BlockKind.TEXT, text="Where?"),), buttons=rows(picker))

    (message,) = messages(document)

    actions = [b for b in message.blocks if b["type"] == "actions"]
    assert [len(a["elements"]) for a in actions] == [BUTTONS_PER_BLOCK, 3]
    values = [e["value"] for a in actions for e in a["elements"]]
    assert values == [b.action for b in picker]
    ids = [e["action_id"] for a in actions for e in a["elements"]]
    assert all(i.startswith(ACTION_PREFIX) for i in ids)
    assert len(set(ids)) == len(ids)
    assert validate_blocks(list(message.blocks)) == ()


def test_buttons_go_under_the_last_part_of_a_long_message() -> None:
    long = Document(
        tuple(Block(BlockKind.TEXT, text=f"Paragraph {i}. " + "word " * 500) for i in range(30)),
        buttons=((Button("Mute this story", "mute 7"),),),
    )
    parts = messages(long)
    assert len(parts) > 1
    assert all(b["type"] != "actions" for part in parts[:-1] for b in part.blocks)
    assert parts[-1].blocks[-1]["type"] == "actions"
    assert parts[-1].blocks[-1]["elements"][0]["value"] == "mute 7"
    assert all(validate_blocks(list(p.blocks)) == () for p in parts)


def test_a_label_longer_than_slack_shows_is_cut_to_75_characters() -> None:
    document = Document((), buttons=((Button("x" * 90, "more 1"),),))
    (message,) = messages(document)
    (element,) = message.blocks[0]["elements"]
    assert len(element["text"]["text"]) == 75
    assert validate_blocks(list(message.blocks)) == ()
