using System.Text.Json.Nodes;

namespace SpotConnect.Tests.Support;

/// <summary>Spot's published default policy (a verbatim copy of shared/reference/spot-default-policy.json).</summary>
internal static class Reference
{
    public static string Path { get; } = Repo.Output("Reference", "spot-default-policy.json");

    public static JsonObject Policy { get; } = JsonNode.Parse(File.ReadAllText(Path))!.AsObject();

    public static IReadOnlyList<JsonObject> Statements { get; } = Policy["Statement"]!.AsArray().Select(s => s!.AsObject()).ToArray();

    public static IReadOnlyList<string> Sids { get; } = Statements.Select(s => s["Sid"]!.GetValue<string>()).ToArray();

    public static JsonObject Statement(string sid) => Statements.Single(s => s["Sid"]!.GetValue<string>() == sid);

    /// <summary>The contract's table: bundle id → the Spot Sids it carries.</summary>
    public static IReadOnlyDictionary<string, string[]> ContractBundles { get; } = new Dictionary<string, string[]>
    {
        ["general"] = ["OverviewDashboard", "AccountOperativeActions"],
        ["elastigroup"] = ["OceanAndElastigroupBasicActions"],
        ["ocean"] = ["OceanAndElastigroupBasicActions"],
        ["ocean.eks"] = ["OceanEks"],
        ["ocean.ecs"] = ["OceanEcs"],
        ["elastigroup.route53"] = ["ElastigroupRoute53"],
        ["elastigroup.batch"] = ["ElastigroupBatch"],
        ["elastigroup.stateful"] = ["ElastigroupStateful"],
        ["elastigroup.beanstalk"] = ["ElastigroupBeanstalk", "AccesS3forElasticBeanstalk"],
        ["elastigroup.emr"] = ["ElastigroupEmr"],
        ["elastigroup.codedeploy"] = ["ElastigroupCodeDeploy"],
        ["elastigroup.opsworks"] = ["OpsWorks"],
        ["storage"] = ["SpotStorage"],
        ["security-audit"] = [],
    };

    /// <summary>The contract's implied bundles: an integration brings its product; general is always in.</summary>
    public static IReadOnlyList<string> Implied(string id)
    {
        var ids = new List<string> { "general", id };
        if (id.Contains('.', StringComparison.Ordinal))
        {
            ids.Add(id[..id.IndexOf('.', StringComparison.Ordinal)]);
        }

        return ids.Distinct().ToArray();
    }

    /// <summary>The reference grants of the statements the given bundles carry, per the contract, ARNs in <paramref name="partition"/>.</summary>
    public static IReadOnlyList<Grant> GrantsOf(IEnumerable<string> bundleIds, string partition = "aws") =>
        Grants.Of(bundleIds.SelectMany(id => ContractBundles[id]).Distinct().Select(Statement))
            .Select(g => g with { Resource = g.Resource.Replace("arn:aws:", $"arn:{partition}:", StringComparison.Ordinal) })
            .ToArray();
}
