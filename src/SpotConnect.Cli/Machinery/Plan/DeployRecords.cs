using System.Globalization;
using System.Text.Json.Nodes;
using SpotConnect.Org;
using SpotConnect.Settings;

namespace SpotConnect.Plan;

/// <summary>
/// Builds the deploy records (<see cref="LinkDeployRecord"/>, <see cref="OrgDeployRecord"/>) from what a deploy resolved,
/// and the same view of what a deploy would deploy now, so <see cref="DeployPlanner"/> compares like with like.
/// </summary>
internal static class DeployRecords
{
    /// <summary>The settings a link's record holds (the partition is the state's, so never a change).</summary>
    public static IReadOnlyList<Setting> LinkSettings { get; } =
    [
        SpotSettings.ExternalId, SpotSettings.Bundles, SpotSettings.RoleName, SpotSettings.RolePath, SpotSettings.PolicyName, SpotSettings.StackName,
        SpotSettings.PrincipalAccountId, SpotSettings.MaxManagedPolicies, SpotSettings.Bootstrapped, SpotSettings.RetainOnDelete,
        SpotSettings.PermissionsBoundary, SpotSettings.Tags, SpotSettings.Regions, SpotSettings.RestrictToSpotResources, SpotSettings.KmsKeyArns, SpotSettings.LogBucket,
    ];

    /// <summary>The settings an org's record holds (each account's external id is the state's).</summary>
    public static IReadOnlyList<Setting> OrgSettings { get; } =
        [.. LinkSettings.Where(s => s != SpotSettings.ExternalId), SpotSettings.OrgRegion, SpotSettings.OrgCallAs, SpotSettings.OrgFailureTolerance];

    /// <summary>The role <paramref name="link"/> makes.</summary>
    public static DeployedRole RoleOf(SpotLinkSpec link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return new DeployedRole
        {
            Name = link.RoleName,
            Path = link.RolePath,
            PermissionsBoundary = link.PermissionsBoundary,
            Tags = link.Tags.Count == 0 ? null : link.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
        };
    }

    /// <summary>The customer managed policies <paramref name="link"/> makes, as IAM stores them.</summary>
    public static IReadOnlyList<DeployedPolicy> PoliciesOf(SpotLinkSpec link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return link.Plan.Policies.Select(p => new DeployedPolicy { Name = p.Name, Document = p.Document(link.Partition) }).ToArray();
    }

    /// <summary>The record of a link deploy of <paramref name="link"/> (stack settings as given in <paramref name="given"/>).</summary>
    public static LinkDeployRecord ForLink(SpotLinkSpec link, IReadOnlyDictionary<Setting, string> given, string stackName, DateTimeOffset at) => new()
    {
        Settings = SettingsOf(LinkSettings, link, given, stackName, null),
        Role = RoleOf(link),
        Policies = PoliciesOf(link),
        AwsManagedPolicies = link.Plan.AwsManagedPolicies.ToArray(),
        DeployedAt = at,
    };

    /// <summary>The record of an org deploy of <paramref name="org"/>.</summary>
    public static OrgDeployRecord ForOrg(SpotOrgSpec org, IReadOnlyDictionary<Setting, string> given, string stackName, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(org);
        return new OrgDeployRecord
        {
            Settings = SettingsOf(OrgSettings, org.Link, given, stackName, org),
            Role = RoleOf(org.Link),
            Policies = PoliciesOf(org.Link),
            AwsManagedPolicies = org.Link.Plan.AwsManagedPolicies.ToArray(),
            StackSets = StackSetsOf(org),
            ManagementAccount = ManagementOf(org),
            Region = org.Region,
            CallAs = org.CallAs.ToText(),
            DeployedAt = at,
        };
    }

    /// <summary>The accounts of each StackSet <paramref name="org"/> deploys, sorted.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> StackSetsOf(SpotOrgSpec org)
    {
        ArgumentNullException.ThrowIfNull(org);
        return org.StackSets.ToDictionary(
            s => s.Name,
            s => (IReadOnlyList<string>)s.Accounts.Select(a => a.AwsAccountId).Order(StringComparer.Ordinal).ToArray(),
            StringComparer.Ordinal);
    }

    /// <summary>The management account's role <paramref name="org"/> holds, if any.</summary>
    public static DeployedManagementAccount? ManagementOf(SpotOrgSpec org)
    {
        ArgumentNullException.ThrowIfNull(org);
        return org.ManagementAccount is { } management
            ? new DeployedManagementAccount { AwsAccountId = management.AwsAccountId, RoleArn = OrgRegistrar.RoleArn(org.State.Partition, management.AwsAccountId, org.Link.RoleName, org.Link.RolePath) }
            : null;
    }

    /// <summary>The policy documents of a record as one JSON array (<c>[{"name","document"}]</c>), as <c>spot-connect policy</c> prints them.</summary>
    public static string PoliciesJson(IReadOnlyList<DeployedPolicy> policies) =>
        new JsonArray(policies.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["document"] = p.Document.DeepClone() }).ToArray()).ToJsonString();

    /// <summary>The effective value of each of <paramref name="settings"/>, as text; a setting without a value (none) is left out.</summary>
    public static IReadOnlyDictionary<string, string> SettingsOf(IReadOnlyList<Setting> settings, SpotLinkSpec link, IReadOnlyDictionary<Setting, string> given, string stackName, SpotOrgSpec? org)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(given);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in settings)
        {
            if (TextOf(setting, link, given, stackName, org) is { Length: > 0 } text)
            {
                values[setting.ContextKey] = text;
            }
        }

        return values;
    }

    /// <summary>A selection as a person writes it: <c>default</c> (plus opt-in bundles) when it holds the default, else its ids without the always-included <c>general</c>.</summary>
    public static string BundlesText(Selection.BundleSelection bundles)
    {
        ArgumentNullException.ThrowIfNull(bundles);
        var defaults = Selection.BundleSelection.DefaultOf(bundles.Catalog);
        if (defaults.Ids.All(bundles.Contains))
        {
            return string.Join(",", new[] { bundles.Catalog.DefaultKeyword }.Concat(bundles.Ids.Where(id => !defaults.Contains(id))));
        }

        var ids = bundles.Ids.Where(id => id != "general").ToArray();
        return ids.Length == 0 ? "general" : string.Join(",", ids);
    }

    private static string? TextOf(Setting setting, SpotLinkSpec link, IReadOnlyDictionary<Setting, string> given, string stackName, SpotOrgSpec? org)
    {
        static string Bool(bool value) => value ? "true" : "false";
        static string? List(IEnumerable<string> items) => items.Order(StringComparer.Ordinal).ToArray() is { Length: > 0 } sorted ? string.Join(",", sorted) : null;
        bool GivenBool(Setting<bool> s) => given.TryGetValue(s, out var text) && s.TryParse(text, new List<Validation.ValidationProblem>(), out var value) && value;

        return setting switch
        {
            _ when setting == SpotSettings.ExternalId => link.ExternalId,
            _ when setting == SpotSettings.Bundles => BundlesText(link.Bundles),
            _ when setting == SpotSettings.RoleName => link.RoleName,
            _ when setting == SpotSettings.RolePath => link.RolePath,
            _ when setting == SpotSettings.PolicyName => link.PolicyName,
            _ when setting == SpotSettings.StackName => stackName,
            _ when setting == SpotSettings.PrincipalAccountId => link.PrincipalAccountId,
            _ when setting == SpotSettings.MaxManagedPolicies => link.MaxManagedPolicies.ToString(CultureInfo.InvariantCulture),
            _ when setting == SpotSettings.Bootstrapped => Bool(org?.Bootstrapped ?? GivenBool(SpotSettings.Bootstrapped)),
            _ when setting == SpotSettings.RetainOnDelete => Bool(GivenBool(SpotSettings.RetainOnDelete)),
            _ when setting == SpotSettings.PermissionsBoundary => link.PermissionsBoundary,
            _ when setting == SpotSettings.Tags => List(link.Tags.Select(t => $"{t.Key}={t.Value}")),
            _ when setting == SpotSettings.Regions => List(link.Restrictions.Regions),
            _ when setting == SpotSettings.RestrictToSpotResources => Bool(link.Restrictions.RestrictToSpotResources),
            _ when setting == SpotSettings.KmsKeyArns => List(link.Restrictions.KmsKeyArns.Select(link.Partition.Resolve)),
            _ when setting == SpotSettings.LogBucket => link.Restrictions.LogBucket,
            _ when setting == SpotSettings.OrgRegion => org?.Region,
            _ when setting == SpotSettings.OrgCallAs => org?.CallAs.ToText(),
            _ when setting == SpotSettings.OrgFailureTolerance => org?.FailureTolerance.ToString(CultureInfo.InvariantCulture),
            _ => given.GetValueOrDefault(setting),
        };
    }
}
