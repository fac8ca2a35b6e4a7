using System.Text.Json.Nodes;
using Amazon.CDK;
using Constructs;
using SpotConnect.Org;
using SpotConnect.Policies;
using SpotConnect.Settings;

namespace SpotConnect.Cdk;

/// <summary>
/// The template a StackSet deploys to each member account: a <see cref="SpotLinkStack"/> (the same role, policies,
/// packing, partition rule and outputs) whose external id is <c>Fn::FindInMap [SpotExternalIds, !Ref AWS::AccountId, ExternalId]</c>,
/// plus the <c>Mappings</c> table of one StackSet's accounts.
/// </summary>
/// <remarks>
/// The stack is synthesized once, in an app of its own (so it is never part of the deployed cloud assembly); each
/// StackSet's table is then added to that JSON directly, so thousands of accounts cost no calls into the CDK.
/// </remarks>
internal sealed class OrgMemberTemplate
{
    private readonly JsonObject _skeleton;

    private OrgMemberTemplate(JsonObject skeleton) => _skeleton = skeleton;

    /// <summary>
    /// Synthesizes the member stack for <paramref name="link"/> in an app of its own (a stage under <paramref name="scope"/>'s
    /// app would be registered in its cloud assembly), with the feature flags of <paramref name="scope"/>'s app that
    /// shape IAM resources and templates.
    /// </summary>
    public static OrgMemberTemplate Synthesize(Construct scope, SpotLinkSpec link, RemovalPolicy? removalPolicy)
    {
        var context = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var flag in InheritedFlags)
        {
            if (scope.Node.TryGetContext(flag) is { } value)
            {
                context[flag] = value;
            }
        }

        var outdir = Directory.CreateTempSubdirectory("spotconnect-org-member-").FullName;
        try
        {
            var app = new App(new AppProps { Outdir = outdir, Context = context, AnalyticsReporting = false, StackTraces = false });
            var externalId = Fn.FindInMap(OrgLimits.MappingName, Aws.ACCOUNT_ID, OrgLimits.MappingAttribute);
            var stack = new SpotLinkStack(app, "Member", SpotLinkStack.ToStackProps(new StackProps(), SpotLinkStack.StackDescription, legacyWhenUnset: true), link with { ExternalId = externalId }, removalPolicy);
            var template = JsonNode.Parse(File.ReadAllText(app.Synth().GetStackArtifact(stack.ArtifactId).TemplateFullPath))!.AsObject();

            // CDK's construct paths (aws:cdk:path) name this throw-away app: they carry nothing for a member account.
            foreach (var (_, resource) in template["Resources"]!.AsObject())
            {
                resource!.AsObject().Remove("Metadata");
            }

            return new OrgMemberTemplate(template);
        }
        finally
        {
            Directory.Delete(outdir, recursive: true);
        }
    }

    /// <summary>The feature flags (in aws-cdk-lib 2.160) that change how a stack with an IAM role, managed policies, a rule and outputs is rendered.</summary>
    internal static IReadOnlyList<string> InheritedFlags { get; } =
    [
        "@aws-cdk/aws-iam:minimizePolicies",
        "@aws-cdk/aws-iam:standardizedServicePrincipals",
        "@aws-cdk/aws-iam:importedRoleStackSafeDefaultPolicyName",
        "@aws-cdk/core:enablePartitionLiterals",
        "@aws-cdk/core:target-partitions",
        "@aws-cdk/core:checkSecretUsage",
        "@aws-cdk/core:includePrefixInUniqueNameGeneration",
        "@aws-cdk/core:validateSnapshotRemovalPolicy",
        "@aws-cdk/core:stackRelativeExports",
    ];

    /// <summary>The member template for <paramref name="accounts"/> (each with an external id), as compact JSON: its <c>Mappings</c> table lists them in the given order.</summary>
    public string For(IEnumerable<OrgAccount> accounts)
    {
        var table = new JsonObject();
        foreach (var account in accounts)
        {
            table[account.AwsAccountId] = new JsonObject { [OrgLimits.MappingAttribute] = account.ExternalId };
        }

        var template = new JsonObject();
        foreach (var (key, value) in _skeleton)
        {
            template[key] = value!.DeepClone();
            if (key == "Description")
            {
                template["Mappings"] = new JsonObject { [OrgLimits.MappingName] = table };
            }
        }

        if (!template.ContainsKey("Mappings"))
        {
            template["Mappings"] = new JsonObject { [OrgLimits.MappingName] = table };
        }

        return PolicyJson.ToCompactString(template);
    }
}
