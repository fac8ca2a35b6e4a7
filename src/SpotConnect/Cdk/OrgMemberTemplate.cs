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
/// The stack is synthesized once, in a stage of its own that is removed from the app afterwards (so it is never
/// part of the cloud assembly); each StackSet's table is then added to that JSON directly, so thousands of accounts
/// cost no calls into the CDK.
/// </remarks>
internal sealed class OrgMemberTemplate
{
    private const string StageId = "SpotOrgMemberTemplate";

    private readonly JsonObject _skeleton;

    private OrgMemberTemplate(JsonObject skeleton) => _skeleton = skeleton;

    /// <summary>Synthesizes the member stack for <paramref name="link"/> in a temporary stage under <paramref name="scope"/>'s root.</summary>
    public static OrgMemberTemplate Synthesize(Construct scope, SpotLinkSpec link, RemovalPolicy? removalPolicy, FieldNames names)
    {
        var root = scope.Node.Root;
        var outdir = Directory.CreateTempSubdirectory("spotconnect-org-member-").FullName;
        try
        {
            var stage = new Stage((Construct)root, StageId, new StageProps { Outdir = outdir });
            var externalId = Fn.FindInMap(OrgLimits.MappingName, Aws.ACCOUNT_ID, OrgLimits.MappingAttribute);
            var stack = new SpotLinkStack(stage, "Member", new SpotLinkStackProps
            {
                Bootstrapped = false,
                Link = new SpotLinkProps { RemovalPolicy = removalPolicy },
            }, link with { ExternalId = externalId }, names);
            var assembly = stage.Synth();
            var template = JsonNode.Parse(File.ReadAllText(assembly.GetStackArtifact(stack.ArtifactId).TemplateFullPath))!.AsObject();
            root.Node.TryRemoveChild(StageId);
            return new OrgMemberTemplate(template);
        }
        finally
        {
            Directory.Delete(outdir, recursive: true);
        }
    }

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
