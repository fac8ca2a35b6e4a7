using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.CXAPI;
using SpotConnect.Cdk;
using SpotConnect.Selection;

namespace SpotConnect.Tests.Support;

/// <summary>A synthesized SpotLinkStack: the template file as JSON and text, the assembly, and the assertion template.</summary>
internal sealed record Synthesized(SpotLinkStack Stack, JsonObject Json, string Text, CloudAssembly Assembly, string Outdir)
{
    // Built on first use only: Template.FromStack costs a jsii round trip of the whole template (seconds for large
    // ones), and few tests use the CDK's assertion API.
    private readonly Lazy<Template> _template = new(() => Template.FromStack(Stack));

    /// <summary>The CDK's assertion template of <see cref="Stack"/>.</summary>
    public Template Template => _template.Value;

    /// <summary>Resources of one type, by logical id.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonObject>> Resources(string type) =>
        Json["Resources"]!.AsObject()
            .Where(kv => kv.Value!["Type"]!.GetValue<string>() == type)
            .Select(kv => KeyValuePair.Create(kv.Key, kv.Value!.AsObject()))
            .ToArray();

    /// <summary>The managed policies' (name, document) in template order.</summary>
    public IReadOnlyList<(string Name, JsonObject Document)> ManagedPolicies =>
        Resources("AWS::IAM::ManagedPolicy")
            .Select(kv => (kv.Value["Properties"]!["ManagedPolicyName"]!.GetValue<string>(), kv.Value["Properties"]!["PolicyDocument"]!.AsObject()))
            .ToArray();

    /// <summary>Every statement of every managed policy.</summary>
    public IReadOnlyList<JsonNode> PolicyStatements =>
        ManagedPolicies.SelectMany(p => p.Document["Statement"]!.AsArray()).Select(s => s!).ToArray();
}
