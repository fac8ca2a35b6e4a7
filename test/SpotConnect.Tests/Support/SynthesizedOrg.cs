using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.CXAPI;
using SpotConnect.Cdk;
using SpotConnect.Selection;

namespace SpotConnect.Tests.Support;

/// <summary>A synthesized organization stack: the template file as JSON and text, the assembly.</summary>
internal sealed record SynthesizedOrg(Stack Stack, JsonObject Json, string Text, CloudAssembly Assembly, string Outdir)
{
    /// <summary>Resources of one type, by logical id, in template order.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonObject>> Resources(string type) =>
        Json["Resources"]!.AsObject()
            .Where(kv => kv.Value!["Type"]!.GetValue<string>() == type)
            .Select(kv => KeyValuePair.Create(kv.Key, kv.Value!.AsObject()))
            .ToArray();
}
