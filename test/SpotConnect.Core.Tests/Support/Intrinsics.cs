using System.Text.Json.Nodes;

namespace SpotConnect.Tests.Support;

/// <summary>Resolves the CloudFormation intrinsics SpotLinkStack uses in policies, as CloudFormation would.</summary>
internal static class Intrinsics
{
    public static string Resolve(JsonNode? node, string partition, string? accountId = null) => node switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonObject o when o["Ref"]?.GetValue<string>() == "AWS::Partition" => partition,
        JsonObject o when o["Ref"]?.GetValue<string>() == "AWS::AccountId" && accountId is not null => accountId,
        JsonObject o when o["Fn::Join"] is JsonArray join =>
            string.Join(join[0]!.GetValue<string>(), join[1]!.AsArray().Select(p => Resolve(p, partition, accountId))),
        _ => throw new InvalidOperationException("Unexpected intrinsic: " + node?.ToJsonString()),
    };

    /// <summary>A copy of <paramref name="node"/> with every partition reference resolved.</summary>
    public static JsonNode? ResolveAll(JsonNode? node, string partition) => node switch
    {
        JsonObject o when o.ContainsKey("Fn::Join") || o["Ref"]?.GetValue<string>() == "AWS::Partition" => JsonValue.Create(Resolve(o, partition)),
        JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, ResolveAll(kv.Value, partition)))),
        JsonArray a => new JsonArray(a.Select(v => ResolveAll(v, partition)).ToArray()),
        _ => node?.DeepClone(),
    };
}
