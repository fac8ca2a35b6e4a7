using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SpotConnect.Settings;

/// <summary>
/// What a resolved link or rollout creates, as one short text: the role (trust, name, path, boundary, tags), every policy
/// document, the AWS managed policies, and for a rollout every StackSet's accounts with their external ids, the region and
/// the administrator, and whether they are kept when the stack is deleted. Two specs with the same fingerprint synthesize
/// the same Spot resources; the constructs record it in the cloud assembly so a deploying tool can check that the app
/// built what the tool resolved.
/// </summary>
internal static class SpecFingerprint
{
    public static string Of(SpotLinkSpec link, bool retained) => Hash(new JsonObject
    {
        ["link"] = Link(link, withExternalId: true),
        ["retained"] = retained,
    });

    public static string Of(SpotOrgSpec org, bool retained) => Hash(new JsonObject
    {
        ["link"] = Link(org.Link, withExternalId: false),
        ["retained"] = retained,
        ["region"] = org.Region,
        ["callAs"] = Org.OrgCallAsText.ToText(org.CallAs),
        ["failureTolerance"] = org.FailureTolerance,
        ["stackSets"] = new JsonArray(org.StackSets.Select(s => (JsonNode)new JsonObject
        {
            ["name"] = s.Name,
            ["accounts"] = new JsonArray(s.Accounts.OrderBy(a => a.AwsAccountId, StringComparer.Ordinal)
                .Select(a => (JsonNode)new JsonObject { ["id"] = a.AwsAccountId, ["externalId"] = a.ExternalId }).ToArray()),
        }).ToArray()),
        ["managementAccount"] = org.ManagementAccount is { } m ? new JsonObject { ["id"] = m.AwsAccountId, ["externalId"] = m.ExternalId } : null,
    });

    private static JsonObject Link(SpotLinkSpec link, bool withExternalId) => new()
    {
        ["partition"] = link.Partition.Name,
        ["principal"] = link.PrincipalAccountId,
        ["externalId"] = withExternalId ? link.ExternalId : null,
        ["roleName"] = link.RoleName,
        ["rolePath"] = link.RolePath,
        ["permissionsBoundary"] = link.PermissionsBoundary,
        ["tags"] = new JsonArray(link.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (JsonNode)$"{t.Key}={t.Value}").ToArray()),
        ["policies"] = new JsonArray(link.Plan.Policies.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["document"] = p.Document(link.Partition) }).ToArray()),
        ["awsManaged"] = new JsonArray(link.Plan.AwsManagedPolicies.Select(n => (JsonNode)n).ToArray()),
    };

    private static string Hash(JsonObject value) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value.ToJsonString())));
}
