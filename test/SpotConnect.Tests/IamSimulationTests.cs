using System.Text.Json.Nodes;
using SpotConnect.Tests.Support;
using Xunit.Abstractions;

namespace SpotConnect.Tests;

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
