using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
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

    private const string KmsReason =
        "Spot's documented grant for encrypted EBS volumes (Spot docs: 'Cross-Account KMS Key to Encrypt EBS Volumes') uses these action wildcards " +
        "(kms:GenerateDataKey*, kms:ReEncrypt*), on exactly the KMS keys the link was given for encrypted EBS volumes.";

    private const string LogBucketReason =
        "Spot's documented grant for Ocean's log export (Spot docs: 'Log Integration with S3') writes objects of any name into exactly the bucket the link was given for exported logs.";

    private const string AwsManagedReason =
        "The 'security-audit' bundle attaches AWS's SecurityAudit managed policy, as Spot's onboarding does for Spot Security; AWS maintains it as services change.";

    /// <summary>Adds the suppressions to the link's policies and role.</summary>
    public static void Apply(PolicyPlan plan, Role role, IReadOnlyList<ManagedPolicy> policies)
    {
        string ReasonFor(PolicyStatementSpec statement) =>
            PolicyRestrictions.IsKmsKeyGrant(statement.Sid) ? KmsReason
            : PolicyRestrictions.IsLogBucketGrant(statement.Sid) ? LogBucketReason
            : WildcardReason;

        for (var i = 0; i < policies.Count; i++)
        {
            var entries = plan.Policies[i].Statements
                .GroupBy(ReasonFor)
                .Select(g => (Reason: g.Key, Findings: g.SelectMany(WildcardFindings).Distinct().ToArray()))
                .Where(x => x.Findings.Length > 0)
                .Select(x => Entry(WildcardRule, x.Reason, x.Findings))
                .ToArray();
            if (entries.Length > 0)
            {
                Suppress((CfnResource)policies[i].Node.DefaultChild!, entries);
            }
        }

        if (plan.AwsManagedPolicies.Count > 0)
        {
            Suppress((CfnResource)role.Node.DefaultChild!, [Entry(AwsManagedPolicyRule, AwsManagedReason,
                plan.AwsManagedPolicies.Select(name => (object)$"Policy::arn:<AWS::Partition>:iam::aws:policy/{name}").ToArray())]);
        }
    }

    /// <summary>
    /// The IAM5 findings of a statement, named as cdk-nag names them (<c>Action::ec2:Describe*</c>, <c>Resource::*</c>). A
    /// resource holding a deploy-time value (a token) is matched by a regular expression, since cdk-nag names the
    /// resolved intrinsic, which is not known here.
    /// </summary>
    private static IEnumerable<object> WildcardFindings(PolicyStatementSpec statement) =>
        statement.Actions.Where(IsWildcard).Select(a => (object)$"Action::{a}")
            .Concat(statement.Resources.Where(IsWildcard).Select(r => Token.IsUnresolved(r)
                ? new Dictionary<string, object> { ["regex"] = $"/^Resource::{TokenPattern(NagName(r))}$/" }
                : (object)("Resource::" + NagName(r))));

    private static string NagName(string resource) =>
        resource.Replace(CatalogStatement.PartitionPlaceholder, "<AWS::Partition>", StringComparison.Ordinal);

    /// <summary>A regular expression matching the text with each token (<c>${Token[…]}</c>) standing for anything.</summary>
    private static string TokenPattern(string text) =>
        string.Join(".*", System.Text.RegularExpressions.Regex.Split(text, @"\$\{Token\[[^\]]*\]\}").Select(System.Text.RegularExpressions.Regex.Escape))
            .Replace("/", "\\/", StringComparison.Ordinal);

    private static bool IsWildcard(string value) => value.Contains('*', StringComparison.Ordinal);

    private static Dictionary<string, object> Entry(string rule, string reason, object[] findings) => new()
    {
        ["id"] = rule,
        ["reason"] = reason,
        ["applies_to"] = findings,
    };

    private static void Suppress(CfnResource resource, IReadOnlyList<Dictionary<string, object>> entries) =>
        resource.AddMetadata(MetadataKey, new Dictionary<string, object> { ["rules_to_suppress"] = entries.ToArray() });
}
