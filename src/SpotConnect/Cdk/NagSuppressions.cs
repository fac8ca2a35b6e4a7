using Amazon.CDK;
using SpotConnect.Catalog;
using SpotConnect.Policies;

namespace SpotConnect.Cdk;

/// <summary>
/// cdk-nag suppressions, as the metadata cdk-nag 2.x reads (<c>Metadata.cdk_nag.rules_to_suppress</c>), on exactly
/// the findings Spot's published policy makes unavoidable: each wildcard of each managed policy
/// (<c>AwsSolutions-IAM5</c>, one <c>appliesTo</c> entry per finding) and, with <c>security-audit</c>, the AWS managed
/// policy on the role (<c>AwsSolutions-IAM4</c>). Nothing else is suppressed, so a finding this list does not name
/// (a new wildcard, a new managed policy) still fails a user's cdk-nag run.
/// </summary>
internal static class NagSuppressions
{
    /// <summary>The metadata key cdk-nag reads.</summary>
    public const string MetadataKey = "cdk_nag";

    /// <summary>The rule that flags wildcards in IAM policies.</summary>
    public const string WildcardRule = "AwsSolutions-IAM5";

    /// <summary>The rule that flags AWS managed policies.</summary>
    public const string AwsManagedPolicyRule = "AwsSolutions-IAM4";

    private const string WildcardReason =
        "Spot's published policy (Spot docs: 'Spot Policy in AWS') grants these wildcards: Spot manages instances, volumes, " +
        "snapshots, images and load-balancer registrations it creates at run time, whose ARNs cannot be known when the role is made. " +
        "SpotConnect narrows them only through its least-privilege settings (regions, Spot-tagged resources).";

    private const string AwsManagedReason =
        "The 'security-audit' bundle attaches AWS's SecurityAudit managed policy, as Spot's onboarding does for Spot Security; AWS maintains it as services change.";

    /// <summary>Adds the suppressions to the link's policies and role.</summary>
    public static void Apply(SpotLink link)
    {
        for (var i = 0; i < link.ManagedPolicies.Count; i++)
        {
            var findings = WildcardFindings(link.Spec.Plan.Policies[i]);
            if (findings.Count > 0)
            {
                Suppress((CfnResource)link.ManagedPolicies[i].Node.DefaultChild!, WildcardRule, WildcardReason, findings);
            }
        }

        if (link.Spec.Plan.AwsManagedPolicies.Count > 0)
        {
            Suppress((CfnResource)link.Role.Node.DefaultChild!, AwsManagedPolicyRule, AwsManagedReason,
                link.Spec.Plan.AwsManagedPolicies.Select(name => $"Policy::arn:<AWS::Partition>:iam::aws:policy/{name}").ToArray());
        }
    }

    /// <summary>The IAM5 findings of a policy, named as cdk-nag names them (<c>Action::ec2:Describe*</c>, <c>Resource::*</c>).</summary>
    internal static IReadOnlyList<string> WildcardFindings(ManagedPolicySpec policy) =>
        policy.Statements.SelectMany(s => s.Actions.Where(IsWildcard).Select(a => $"Action::{a}")
                .Concat(s.Resources.Where(IsWildcard).Select(r => "Resource::" + r.Replace(CatalogStatement.PartitionPlaceholder, "<AWS::Partition>", StringComparison.Ordinal))))
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    private static bool IsWildcard(string value) => value.Contains('*', StringComparison.Ordinal);

    private static void Suppress(CfnResource resource, string rule, string reason, IReadOnlyList<string> findings) =>
        resource.AddMetadata(MetadataKey, new Dictionary<string, object>
        {
            ["rules_to_suppress"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["id"] = rule,
                    ["reason"] = reason,
                    ["applies_to"] = findings.ToArray(),
                },
            },
        });
}
