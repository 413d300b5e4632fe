"""How max_tokens and stop_sequences cut the echo, and what usage reports, the same in both modes."""

import random

import pytest

from conftest import MODEL, count_tokens, first_tokens, input_tokens


def both_ways(client, **request):
    """The non-streaming message and the message the stream helper assembles, for one request."""
    whole = client.messages.create(model=MODEL, **request)
    with client.messages.stream(model=MODEL, **request) as stream:
        streamed = stream.get_final_message()
    return whole, streamed


def summary(message):
    return (
        [block.text for block in message.content],
        message.stop_reason,
        message.stop_sequence,
        message.usage.input_tokens,
        message.usage.output_tokens,
    )


@pytest.mark.parametrize(
    "text, max_tokens, expected",
    [
        ("one two three four", 2, "one two"),
        ("Say hello", 2, "Say hell"),
        ("abcdefgh ij", 2, "abcdefgh"),
        ("a, b, c", 3, "a, b"),
        ("hi 🙂 there", 2, "hi 🙂"),
        ("  leading space", 1, "  lead"),
    ],
)
def test_max_tokens_truncates(client, text, max_tokens, expected):
    messages = [{"role": "user", "content": text}]
    whole, streamed = both_ways(client, max_tokens=max_tokens, messages=messages)
    assert summary(whole) == ([expected], "max_tokens", None, input_tokens(messages), max_tokens)
    assert summary(streamed) == summary(whole)


def test_max_tokens_exactly_enough_is_end_turn(client):
    text = "Say hello"
    whole, streamed = both_ways(client, max_tokens=count_tokens(text), messages=[{"role": "user", "content": text}])
    assert summary(whole) == ([text], "end_turn", None, 6, 3)
    assert summary(streamed) == summary(whole)


def test_stop_sequence_cuts_before_the_earliest_match(client):
    messages = [{"role": "user", "content": "one two three STOP four"}]
    whole, streamed = both_ways(client, max_tokens=64, stop_sequences=["STOP", "three"], messages=messages)
    assert summary(whole) == (["one two "], "stop_sequence", "three", input_tokens(messages), 2)
    assert summary(streamed) == summary(whole)


def test_stop_sequence_that_never_occurs(client):
    whole, streamed = both_ways(
        client, max_tokens=64, stop_sequences=["zzz"], messages=[{"role": "user", "content": "no match here"}]
    )
    assert summary(whole)[:3] == (["no match here"], "end_turn", None)
    assert summary(streamed) == summary(whole)


def test_stop_sequence_beyond_max_tokens_loses(client):
    # "three" would complete at the 4th token ("thre", "e"), but only 3 are allowed.
    whole, streamed = both_ways(
        client, max_tokens=3, stop_sequences=["three"], messages=[{"role": "user", "content": "one two three"}]
    )
    assert summary(whole)[:3] == (["one two thre"], "max_tokens", None)
    assert summary(streamed) == summary(whole)


def test_stop_sequence_with_punctuation_and_newline(client):
    whole, streamed = both_ways(
        client,
        max_tokens=64,
        stop_sequences=["\n\n", "###"],
        messages=[{"role": "user", "content": "Answer: 42.\n\nExplanation follows ###"}],
    )
    assert summary(whole)[:3] == (["Answer: 42."], "stop_sequence", "\n\n")
    assert summary(streamed) == summary(whole)


def test_newline_stop_sequence_inside_crlf(client):
    whole = client.messages.create(
        model=MODEL,
        max_tokens=64,
        stop_sequences=["\n"],
        messages=[{"role": "user", "content": "line one\r\nline two"}],
    )
    assert summary(whole)[:3] == (["line one\r"], "stop_sequence", "\n")


def test_stop_sequence_before_a_combining_mark(client):
    whole = client.messages.create(
        model=MODEL, max_tokens=64, stop_sequences=["e"], messages=[{"role": "user", "content": "cafe\u0301 au lait"}]
    )
    assert summary(whole)[:3] == (["caf"], "stop_sequence", "e")


def test_usage_follows_the_documented_tokenizer(client):
    # Fixed seed: the same texts every run, mixing words, digits, punctuation, accents and emoji.
    rng = random.Random(20251125)
    alphabet = "abcdXYZ0123456789     .,;!?-_'\"éü漢🙂"
    for _ in range(25):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 48))).strip() or "x"
        limit = rng.randint(1, 10)
        messages = [{"role": "user", "content": text}]
        message = client.messages.create(model=MODEL, max_tokens=limit, messages=messages)
        expected = first_tokens(text, limit)
        assert message.content[0].text == expected, text
        assert message.usage.output_tokens == count_tokens(expected), text
        assert message.usage.input_tokens == input_tokens(messages), text
        assert message.stop_reason == ("max_tokens" if expected != text else "end_turn"), text
