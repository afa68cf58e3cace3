#!/usr/bin/env python3
"""Writes scenarios/default.json (domain.md 10.1-10.5) and scenarios/split-groups.json (10.6).

The scenario files are the source of truth and are checked in; this script is how they were made, kept so
that a change to both stays consistent. Run it from the repository root."""
import json

NS = "http://Microsoft.Samples.BizTalk.SouthridgeVideo.OrderBrokerSchemas.CSR_OrderRequest"
SEA, DUB = "SRV-SEA", "SRV-DUB"
HOST = [{"name": "BizTalkServerApplication", "running": True}]


def csr(req, cust, order, seq, code, status):
    return (f'<CSR_OrderRequest xmlns="{NS}"><ReqId>{req}</ReqId><CustID>{cust}</CustID><OrderID>{order}</OrderID>'
            f'<SeqNum>{seq}</SeqNum><OrdTypeCode>{code}</OrdTypeCode><Status>{status}</Status>'
            f'<ReturnAddress>CSR</ReturnAddress></CSR_OrderRequest>')


def submit(at, *a):
    return {"at": at, "command": {"do": "submit", "group": SEA, "location": "Order-RP-TestRL", "body": csr(*a)}}


def facilities(at, group, running):
    return {"at": at, "command": {"do": "setResponderRunning", "group": group, "responder": "Facilities", "running": running}}


def port(name, transport, address, **extra):
    return {"name": name, "transport": {"transport_type": transport, "address": address}, **extra}


MESSAGING = {"name": "BTSScn.BPM.MessagingApp", "property_schemas": ["bpm"], "promotion_sets": ["bpm"],
             "send_ports": [port("BizTalkErrors-SP", "Ops", "OPS://OperationsServer", filter="ErrorReport.ErrorType exists")]}
BROKER = {"name": "BTSScn.BPM.OrderBrokerApp", "references": ["BTSScn.BPM.MessagingApp"],
          "receive_ports": [{"name": "Order-RP", "failed_message_routing": True, "locations": [
              {"name": "Order-RP-TestRL", "address": "OrderRequests", "transport_type": "FILE", "pipeline": "XmlReceive"}]}],
          "send_ports": [port("HistoryInsert-SP", "FILE", "HistoryInsert"),
                         port("HistoryInsert-Test-SP", "FILE", "HistoryInsertTest", state="Unenlisted"),
                         port("ServicingSystem-SP", "MSMQ", "ToServicingSystemQ"),
                         port("CSRResponse-DSP", "HTTP", "CSR")],
          "send_port_groups": [{"name": "HistoryInsert-SPG", "members": ["HistoryInsert-SP", "HistoryInsert-Test-SP"]}],
          "orchestrations": [{"name": "OrderBroker"}]}
CABLE = {"name": "BTSScn.BPM.CableOrderApp", "references": ["BTSScn.BPM.MessagingApp"],
         "receive_ports": [{"name": "Facilities-RP", "failed_message_routing": True, "locations": [
             {"name": "Facilities-RP-TestRL", "address": "FromFacilitiesQ", "transport_type": "MSMQ", "pipeline": "XmlReceive"}]}],
         "send_ports": [port("Facilities-SP", "MSMQ", "ToFacilitiesQ"), port("HistoryUpdate-SP", "FILE", "HistoryUpdate"),
                        port("CSRCompletion-DSP", "HTTP", "CSR")],
         "orchestrations": [{"name": n} for n in ["OrderManager", "CableOrder1", "CableOrder2", "CheckInterrupt", "Interrupter"]]}
VIP = {"name": "SRV.VipOrderApp", "references": ["BTSScn.BPM.MessagingApp"],
       "send_ports": [port("VIP-Audit-SP", "FILE", "VipAudit", filter="SV.OrderMgrType | == | VIPORDER | And")],
       "orchestrations": [{"name": "VipOrderManager"}]}
BROADBAND = {"name": "SRV.BroadbandOrderApp", "references": ["BTSScn.BPM.MessagingApp"],
             "orchestrations": [{"name": "BroadbandOrderManager", "state": "Stopped"}]}
RESPONDER = {"name": "Facilities", "endpoint": "ToFacilitiesQ", "reply_location": "Facilities-RP-TestRL", "delay_ms": 500,
             "reply_namespace": "http://Microsoft.Samples.BizTalk.SouthridgeVideo.Facilities", "reply_root": "FacilitiesReply",
             "copy_fields": ["CustID", "OrderID", "SeqNum"]}


def orders(t0, facilities_group):
    """The eight sample orders of domain.md 10.5, with facilities stopped around M3-M5, from time t0."""
    return [
        submit(t0, "R-001", "1", "1", 1, "NS", "NEW"),
        submit(t0 + 2000, "R-002", "900", "7", 1, "ND", "NEW"),
        facilities(t0 + 3000, facilities_group, False),
        submit(t0 + 3500, "R-003", "3", "1", 1, "NS", "NEW"),
        submit(t0 + 20000, "R-004", "3", "1", 2, "ND", "NEW"),
        submit(t0 + 21000, "R-005", "3", "1", 2, "ND", "NEW"),
        submit(t0 + 22000, "R-006", "60", "8", 1, "NB", "NEW"),
        submit(t0 + 23000, "R-007", "70", "9", 1, "NP", "NEW"),
        facilities(t0 + 25000, facilities_group, True),
        submit(t0 + 30000, "R-008", "1", "1", 1, "NS", "TERMINATE"),
        {"at": t0 + 32000, "command": {"do": "administer", "group": SEA, "owner": {"Orchestration": "BroadbandOrderManager"}, "action": "Start"}},
    ]


def sea():
    return {"name": SEA, "site": "Seattle messaging hub", "team": "Messaging IT team", "hosts": HOST,
            "applications": [MESSAGING, BROKER, CABLE, VIP, BROADBAND], "responders": [RESPONDER]}


def dub(responders):
    return {"name": DUB, "site": "Dublin order-processing centre", "team": "Business-application IT team", "hosts": HOST,
            "responders": responders}


default = {
    "format": 1, "id": "bpm-default", "title": "BPM order routing (one group)",
    "summary": "The BizTalk SDK's Business Process Management solution in the Seattle group: the OrderBroker marks each order for an order manager and publishes it; the OrderManager, VipOrderManager and BroadbandOrderManager filter for the orders meant for them. The script submits the eight sample orders M1-M8. Dublin is ready, empty, for the move.",
    "seed": 1, "config": {"TotalStages": "2", "Marking": "multi-manager"}, "libraries": ["bpm"],
    "groups": [sea(), dub([])],
    # Ready for the move of the tutorial's lesson 8: nothing crosses it until a bridge exists.
    "links": [{"a": SEA, "b": DUB, "latency_ms": 150, "jitter_ms": 20}],
    "script": orders(0, SEA),
}


def do(at, what, **args):
    return {"at": at, "command": {"do": what, **args}}


move = [
    # domain.md 10.6 steps 1-2: export and import MessagingApp then CableOrderApp, full stop and remove in SEA.
    do(0, "copyApplication", **{"from": SEA, "to": DUB, "application": "BTSScn.BPM.MessagingApp"}),
    do(0, "copyApplication", **{"from": SEA, "to": DUB, "application": "BTSScn.BPM.CableOrderApp"}),
    do(0, "stopApplication", group=SEA, application="BTSScn.BPM.CableOrderApp", mode="Full"),
    do(0, "removeApplication", group=SEA, application="BTSScn.BPM.CableOrderApp"),
    do(0, "startApplication", group=DUB, application="BTSScn.BPM.MessagingApp"),
    do(0, "startApplication", group=DUB, application="BTSScn.BPM.CableOrderApp"),
    # Steps 3-4: the bridge the engine proposes.
    do(0, "createBridge", **{"from": SEA, "to": DUB, "application": "BTSScn.BPM.CableOrderApp"}),
]
split = {
    "format": 1, "id": "bpm-split-groups", "title": "BPM split across two groups (phase 2)",
    "summary": "Phase 2: the cable order manager and its stages move to the Dublin group. MessagingApp and CableOrderApp are exported from Seattle and imported into Dublin, CableOrderApp is stopped and removed in Seattle, and a bridge forwards the orders: a send port in Seattle with the manager's filter, over the WAN link, to a receive port in Dublin that publishes them into its MessageBox. No orchestration changes. Then the eight sample orders run again.",
    "seed": 1, "config": {"TotalStages": "2", "Marking": "multi-manager"}, "libraries": ["bpm"],
    "groups": [sea(), dub([RESPONDER])],
    "links": [{"a": SEA, "b": DUB, "latency_ms": 150, "jitter_ms": 20}],
    "script": move + orders(1000, DUB),
}

empty = {
    "format": 1, "id": "empty", "title": "Empty group (sandbox)",
    "summary": "One group with a running host and nothing deployed: import an application package or a BizTalk binding file into it, or start from here to see that nothing routes until something subscribes.",
    "seed": 1, "groups": [{"name": SEA, "site": "Seattle messaging hub", "team": "Messaging IT team", "hosts": HOST}],
}

for path, s in [("scenarios/default.json", default), ("scenarios/split-groups.json", split),
                ("scenarios/empty.json", empty)]:
    with open(path, "w") as f:
        f.write(json.dumps(s, indent=2) + "\n")
