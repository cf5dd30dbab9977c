"""One unary call through gRPC's C core (python3-grpcio), for metadata grpc-js cannot send.

Node's HTTP/2 refuses to send some headers twice (authorization) and grpc-js merges others; the C core
sends exactly the header list it is given. Reads one JSON object on stdin:
  {"target": "127.0.0.1:port", "method": "/pkg.Service/Method", "request_b64": "...",
   "metadata": [["key", "value"], ...], "timeout": seconds}
and prints {"code": <int>, "details": "...", "response_b64": "..."} on stdout.
"""
import base64
import json
import sys

import grpc

spec = json.load(sys.stdin)
identity = lambda b: b
with grpc.insecure_channel(spec["target"]) as channel:
    call = channel.unary_unary(spec["method"], request_serializer=identity, response_deserializer=identity)
    try:
        response = call(base64.b64decode(spec.get("request_b64", "")), metadata=[tuple(m) for m in spec.get("metadata", [])], timeout=spec.get("timeout", 10))
        print(json.dumps({"code": 0, "details": "", "response_b64": base64.b64encode(response).decode()}))
    except grpc.RpcError as error:
        print(json.dumps({"code": error.code().value[0], "details": error.details() or "", "response_b64": ""}))
