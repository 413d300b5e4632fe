"""Scripted conversations driven through the SDK: a tool loop, thinking, refusal, a cut tool call, sessions."""

import asyncio
import json

import anthropic
import pytest

from conftest import MODEL

WEATHER_TOOL = {
    "name": "get_weather",
    "description": "Current weather for a place",
    "input_schema": {"type": "object", "properties": {"location": {"type": "string"}}},
}


def scenario_client(server, scenario, session=None, asynchronous=False):
    headers = {"x-mock-scenario": scenario}
    if session:
        headers["x-mock-session"] = session
    kind = anthropic.AsyncAnthropic if asynchronous else anthropic.Anthropic
    return kind(api_key="k", base_url=f"{server.url}/inference", max_retries=0, default_headers=headers)


def test_tool_loop_with_messages_stream(server):
    client = scenario_client(server, "weather")
    messages = [{"role": "user", "content": "What's the weather in Paris?"}]
    with client.messages.stream(model=MODEL, max_tokens=500, tools=[WEATHER_TOOL], messages=messages) as stream:
        first = stream.get_final_message()
    assert first.stop_reason == "tool_use"
    assert [block.type for block in first.content] == ["text", "tool_use"]
    call = first.content[1]
    # The SDK rebuilt the input itself from the input_json_delta pieces.
    assert call.input == {"location": "Paris, France", "unit": "celsius"}
    assert call.name == "get_weather"
    assert call.id.startswith("toolu_")

    messages += [
        {"role": "assistant", "content": [block.model_dump(exclude_none=True) for block in first.content]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": call.id, "content": "18C, sunny"}]},
    ]
    with client.messages.stream(model=MODEL, max_tokens=500, tools=[WEATHER_TOOL], messages=messages) as stream:
        text = "".join(stream.text_stream)
        second = stream.get_final_message()
    assert second.stop_reason == "end_turn"
    assert text == "It is 18°C and sunny in Paris. (You asked: 18C, sunny)"


def test_thinking_blocks_keep_their_signatures(server):
    client = scenario_client(server, "thinking")
    with client.messages.stream(model=MODEL, max_tokens=500, messages=[{"role": "user", "content": "27*453?"}]) as stream:
        final = stream.get_final_message()
    assert [block.type for block in final.content] == ["thinking", "redacted_thinking", "text"]
    assert final.content[0].thinking.startswith("The user wants 27 * 453.")
    assert final.content[0].signature == "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"
    assert final.content[1].data.startswith("EmwKAhgB")
    assert final.content[2].text == "27 * 453 = 12,231"
    whole = client.messages.create(model=MODEL, max_tokens=500, messages=[{"role": "user", "content": "27*453?"}])
    assert [b.model_dump() for b in whole.content] == [b.model_dump() for b in final.content]
    assert whole.usage.output_tokens == final.usage.output_tokens


def test_refusal(server):
    message = scenario_client(server, "refusal").messages.create(
        model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "bad idea"}]
    )
    assert message.stop_reason == "refusal"
    assert message.content[0].text == "I can't help with that request."


def test_max_tokens_inside_a_tool_call(server):
    client = scenario_client(server, "max-tokens-tool")
    with client.messages.stream(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "weather"}]) as stream:
        final = stream.get_final_message()
    assert final.stop_reason == "max_tokens"
    # The SDK parses the cut-off JSON in partial mode: complete members are kept, the cut string is dropped.
    assert final.content[1].type == "tool_use"
    assert final.content[1].input == {"location": "San Francisco, CA"}


def test_raw_transcript_replay(server):
    client = scenario_client(server, "raw")
    with client.messages.stream(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "x"}]) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert text == "Hello from a transcript"
    assert final.id == "msg_01raw"
    assert final.usage.output_tokens == 5


@pytest.mark.anyio
async def test_two_sessions_in_parallel_keep_their_own_sequences(server):
    async def run(session):
        async with scenario_client(server, "counting", session=session, asynchronous=True) as client:
            answers = []
            for _ in range(4):
                message = await client.messages.create(
                    model=MODEL, max_tokens=8, messages=[{"role": "user", "content": "n"}]
                )
                answers.append(message.content[0].text)
                await asyncio.sleep(0)
            return answers

    first, second = await asyncio.gather(run("session-a"), run("session-b"))
    assert first == ["one", "two", "three", "one"]
    assert second == ["one", "two", "three", "one"]


def test_requests_without_a_scenario_stay_in_echo_mode(client):
    message = client.messages.create(model=MODEL, max_tokens=64, tools=[WEATHER_TOOL], messages=[{"role": "user", "content": "weather?"}])
    assert message.content[0].text == "weather?"
