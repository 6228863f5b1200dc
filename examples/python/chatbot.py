#!/usr/bin/python3
"""A chatbot's turn with idres, in Python, over gRPC.

A customer writes from a phone number. The bot fetches the one-call
context by that number (who they are, open cases, facts already given,
last interactions) so that it never asks again for what the customer
already said, records what this conversation added, then prints the
context the human agent who takes over sees.

The stubs are generated at build time from proto/idres/v1 (build/python,
see CMakeLists.txt); run with PYTHONPATH=build/python:

  PYTHONPATH=build/python examples/python/chatbot.py \\
      --addr 127.0.0.1:50051 --phone "06 48 51 00 52" \\
      --summary "Où est ma commande ?" --fact order_number=4471

With TLS and tokens: --ca ca.pem --token TOKEN (or IDRES_CA, IDRES_TOKEN),
as for the idres command. Exit 0 on success, 3 when the number is unknown
(the bot then asks who is speaking), 1 on any other error, with the gRPC
code and message on stderr.
"""

import argparse
import os
import sys

import grpc

from idres.v1 import context_pb2, identity_pb2, identity_pb2_grpc, record_pb2


def connect(addr, ca_path, token):
    """Returns an Identity stub and the call metadata (the bearer token)."""
    if ca_path:
        with open(ca_path, "rb") as f:
            creds = grpc.ssl_channel_credentials(root_certificates=f.read())
        channel = grpc.secure_channel(addr, creds)
    else:
        channel = grpc.insecure_channel(addr)
    metadata = [("authorization", "Bearer " + token)] if token else []
    return identity_pb2_grpc.IdentityStub(channel), metadata


def by_phone(phone):
    return identity_pb2.ProfileTarget(
        identifier=record_pb2.Identifier(type="phone", value=phone))


def describe(ctx, out):
    """Prints what a bot or an agent needs to know, one item per line."""
    n = ctx.golden.name
    name = n.full or " ".join(p for p in (n.given, n.family) if p)
    print(f"profile {ctx.profile_id}: {name or '(no name)'}", file=out)
    seen = set()  # One line per identifier, though several records hold it.
    for ident in ctx.identifiers:
        if (ident.type, ident.value) not in seen:
            seen.add((ident.type, ident.value))
            print(f"  identifier {ident.type}: {ident.value}", file=out)
    for case in ctx.cases:
        status = context_pb2.CaseStatus.Name(case.status)
        print(f"  case {case.case_id} {status}: {case.last_summary}",
              file=out)
    for fact in ctx.facts:
        print(f"  fact {fact.key} = {fact.value}", file=out)
    for consent in ctx.consents:
        state = "granted" if consent.granted else "withdrawn"
        print(f"  consent {consent.purpose} {state}", file=out)
    for it in ctx.recent_interactions:
        print(f"  interaction {it.channel} {it.actor}: {it.summary}", file=out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--addr", default=os.environ.get(
        "IDRES_ADDR", "127.0.0.1:50051"))
    parser.add_argument("--ca", default=os.environ.get("IDRES_CA"))
    parser.add_argument("--token", default=os.environ.get("IDRES_TOKEN"))
    parser.add_argument("--phone", required=True)
    parser.add_argument("--bot", default="bot-py")
    parser.add_argument("--summary", required=True)
    parser.add_argument("--intent", default="")
    parser.add_argument("--case", default="",
                        help="case id the conversation opens or continues")
    parser.add_argument("--fact", action="append", default=[],
                        help="KEY=VALUE, the customer gave it")
    args = parser.parse_args()

    facts = {}
    for kv in args.fact:
        key, sep, value = kv.partition("=")
        if not sep or not key:
            parser.error(f"--fact {kv!r}: expected KEY=VALUE")
        facts[key] = value

    stub, metadata = connect(args.addr, args.ca, args.token)
    target = by_phone(args.phone)
    try:
        # 1. Who is writing? One call, on the hot path of the conversation.
        ctx = stub.GetContext(identity_pb2.GetContextRequest(target=target),
                              metadata=metadata, timeout=5).context
        print("bot knows:")
        describe(ctx, sys.stdout)
        # 2. What this conversation added, for the next interlocutor.
        interaction = context_pb2.Interaction(
            channel="chat", actor=args.bot,
            actor_kind=context_pb2.ACTOR_KIND_BOT,
            summary=args.summary, intent=args.intent, facts=facts,
            case_id=args.case,
            case_status=(context_pb2.CASE_STATUS_OPEN if args.case
                         else context_pb2.CASE_STATUS_UNSPECIFIED))
        added = stub.RecordInteraction(
            identity_pb2.RecordInteractionRequest(
                target=identity_pb2.ProfileTarget(profile_id=ctx.profile_id),
                interaction=interaction),
            metadata=metadata, timeout=5)
        print(f"recorded {added.interaction_id} on {added.profile_id}")
        # 3. The agent who takes over sees the same context, updated.
        after = stub.GetContext(
            identity_pb2.GetContextRequest(
                target=identity_pb2.ProfileTarget(profile_id=added.profile_id)),
            metadata=metadata, timeout=5).context
        print("agent sees:")
        describe(after, sys.stdout)
    except grpc.RpcError as e:
        print(f"idres: {e.code().name}: {e.details()}", file=sys.stderr)
        return 3 if e.code() == grpc.StatusCode.NOT_FOUND else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
