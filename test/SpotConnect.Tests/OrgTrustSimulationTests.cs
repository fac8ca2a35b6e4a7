using System.Text.Json.Nodes;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary>
/// The trust of three member accounts' roles, each resolved from the StackSet's member template as CloudFormation
/// resolves it in that account (<c>Fn::FindInMap</c> on its <c>AWS::AccountId</c>), simulated with the independent
/// IAM checker (tools/iam-check).
/// </summary>
[Collection(JsiiCollection.Name)]
public sealed class OrgTrustSimulationTests
{
    private const string Spot = "922761411349";

    /// <summary>Resolves the intrinsics of a member template's trust policy for one account, as CloudFormation does there.</summary>
    private static JsonNode? Resolve(JsonNode? node, JsonObject mappings, string accountId) => node switch
    {
        JsonObject o when o["Fn::FindInMap"] is JsonArray find =>
            mappings[find[0]!.GetValue<string>()]![Resolve(find[1], mappings, accountId)!.GetValue<string>()]![find[2]!.GetValue<string>()]!.DeepClone(),
        JsonObject o when o["Ref"]?.GetValue<string>() == "AWS::AccountId" => JsonValue.Create(accountId),
        JsonObject o when o.ContainsKey("Fn::Join") || o["Ref"]?.GetValue<string>() == "AWS::Partition" => Intrinsics.ResolveAll(o, "aws"),
        JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, Resolve(kv.Value, mappings, accountId)))),
        JsonArray a => new JsonArray(a.Select(v => Resolve(v, mappings, accountId)).ToArray()),
        _ => node?.DeepClone(),
    };

    [Fact]
    public void Each_accounts_role_accepts_its_own_external_id_and_refuses_a_neighbours()
    {
        var synthesized = OrgStackFixture.Org(OrgStates.Build(3), bootstrapped: false);
        var stackSet = synthesized.Resources("AWS::CloudFormation::StackSet").Single().Value;
        var member = JsonNode.Parse(stackSet["Properties"]!["TemplateBody"]!.GetValue<string>())!.AsObject();
        var mappings = member["Mappings"]!.AsObject();
        var trust = member["Resources"]!.AsObject().Single(r => r.Value!["Type"]!.GetValue<string>() == "AWS::IAM::Role").Value!["Properties"]!["AssumeRolePolicyDocument"];
        var accounts = Enumerable.Range(0, 3).Select(OrgStates.AccountId).ToArray();

        var trusts = new JsonArray(accounts.Select((account, i) =>
        {
            var neighbour = accounts[(i + 1) % accounts.Length];
            var policy = Resolve(trust, mappings, account)!;
            Assert.DoesNotContain("Fn::", policy.ToJsonString(), StringComparison.Ordinal);
            return (JsonNode)new JsonObject
            {
                ["name"] = account,
                ["accountId"] = account,
                ["roleArn"] = $"arn:aws:iam::{account}:role/Spot-Role",
                ["policy"] = policy,
                ["cases"] = new JsonArray(
                    Case("Spot with this account's external id", Spot, OrgStates.ExternalIdOf(account), "Allowed"),
                    Case("Spot with the neighbour's external id", Spot, OrgStates.ExternalIdOf(neighbour), "ImplicitlyDenied"),
                    Case("Spot without an external id", Spot, null, "ImplicitlyDenied"),
                    Case("the neighbour account with this account's external id", neighbour, OrgStates.ExternalIdOf(account), "ImplicitlyDenied")),
            };
        }).ToArray());

        var report = IamCheck.Run(new JsonObject { ["trusts"] = trusts });
        var results = report["trusts"]!.AsArray();
        Assert.Equal(accounts, results.Select(r => r!["name"]!.GetValue<string>()));
        foreach (var role in results)
        {
            var cases = role!["results"]!.AsArray();
            Assert.Equal(4, cases.Count);
            foreach (var c in cases)
            {
                Assert.True(c!["expect"]!.GetValue<string>() == c["result"]!.GetValue<string>(), $"{role["name"]}: {c["name"]}: expected {c["expect"]}, got {c["result"]}");
            }
        }
    }

    private static JsonObject Case(string name, string account, string? externalId, string expect) =>
        new() { ["name"] = name, ["principalAccount"] = account, ["externalId"] = externalId, ["expect"] = expect };
}
