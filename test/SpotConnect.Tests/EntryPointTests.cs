using System.Text.Json.Nodes;
using Amazon.CDK;
using SpotConnect.Cdk;
using SpotConnect.Org;
using SpotConnect.Selection;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary>
/// The same inputs give byte-identical templates whichever entry point built them: the CDK app (context keys), the
/// constructs in a user's own app (C# properties) and a stage; for an organization, the same member templates from the
/// app, SpotOrgStack and SpotOrgStackSets in a user's own stack. No entry point's words reach a template.
/// </summary>
[Collection(JsiiCollection.Name)]
public sealed class EntryPointTests
{
    private const string ExternalId = "pzwWFQdK8ih4ei1T3BpX5EI-OlzFWTRamyq-ckdopWk-";

    [Fact]
    public void The_app_the_library_and_a_stage_synthesize_the_same_link_template()
    {
        var app = Synth.App(new Dictionary<string, object>
        {
            ["spot:externalId"] = ExternalId,
            ["spot:bundles"] = "ocean,ocean.eks",
            ["spot:roleName"] = "Vendor-Spot",
            ["spot:tags"] = "Team=platform,CostCenter=42",
            ["spot:permissionsBoundary"] = "VendorBoundary",
            ["spot:regions"] = "eu-west-1",
            ["spot:restrictToSpotResources"] = "true",
            ["spot:retainOnDelete"] = "true",
        });
        var library = Synth.Stack(new SpotLinkStackProps
        {
            ExternalId = ExternalId,
            Bundles = BundleSelection.Parse("ocean,ocean.eks"),
            RoleName = "Vendor-Spot",
            Tags = new Dictionary<string, string> { ["Team"] = "platform", ["CostCenter"] = "42" },
            RolePermissionsBoundary = "VendorBoundary",
            Regions = ["eu-west-1"],
            RestrictToSpotResources = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        var outdir = Scratch.Folder("spotconnect-entry-").FullName;
        var stageApp = Synth.NewApp(outdir);
        var stage = new SpotLinkStage(stageApp, "Prod", new SpotLinkStageProps
        {
            ExternalId = ExternalId,
            Bundles = BundleSelection.Parse("ocean,ocean.eks"),
            RoleName = "Vendor-Spot",
            Tags = new Dictionary<string, string> { ["Team"] = "platform", ["CostCenter"] = "42" },
            RolePermissionsBoundary = "VendorBoundary",
            Regions = ["eu-west-1"],
            RestrictToSpotResources = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
            Synthesizer = new LegacyStackSynthesizer(),
        });
        string staged;
        try
        {
            staged = File.ReadAllText(stageApp.Synth().GetNestedAssembly(stage.ArtifactId).GetStackArtifact(stage.Stack.ArtifactId).TemplateFullPath);
        }
        finally
        {
            Directory.Delete(outdir, recursive: true);
        }

        Assert.Equal(app.Text, library.Text);
        Assert.Equal(app.Text, staged);
        Assert.Contains("Vendor-Spot", app.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("spot:", RuleText(app.Json), StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_SpotOrgStack_and_SpotOrgStackSets_in_a_users_stack_give_the_same_member_templates()
    {
        var path = OrgStates.Save(OrgStates.Build(3));
        var fromApp = Synth.Org(app => SpotConnect.Hosting.SpotConnectApp.AddStack(app, SpotConnect.Settings.SpotContextSettings.Read(
            k => new Dictionary<string, object> { ["spot:orgState"] = path, ["spot:bundles"] = "ocean", ["spot:roleName"] = "Vendor-Spot" }.GetValueOrDefault(k),
            _ => null)));
        var fromStack = Synth.Org(app => new SpotOrgStack(app, "SpotOrgStack", new SpotOrgStackProps
        {
            State = OrgState.Load(path),
            Bundles = BundleSelection.Parse("ocean"),
            RoleName = "Vendor-Spot",
        }));
        var fromConstruct = Synth.Org(app =>
        {
            var stack = new Stack(app, "Admin", new StackProps { Synthesizer = new LegacyStackSynthesizer(), AnalyticsReporting = false });
            _ = new SpotOrgStackSets(stack, "Spot", new SpotOrgStackSetsProps { State = OrgState.Load(path), Bundles = BundleSelection.Parse("ocean"), RoleName = "Vendor-Spot" });
            return stack;
        });

        Assert.Equal(fromApp.Text, fromStack.Text);
        var members = MemberTemplates(fromApp.Json);
        Assert.NotEmpty(members);
        Assert.Equal(members, MemberTemplates(fromConstruct.Json));
        Assert.All(members, m => Assert.DoesNotContain("spot:", m, StringComparison.Ordinal));
    }

    private static string[] MemberTemplates(JsonObject template) =>
        template["Resources"]!.AsObject()
            .Where(kv => kv.Value!["Type"]!.GetValue<string>() == "AWS::CloudFormation::StackSet")
            .Select(kv => kv.Value!["Properties"]!["TemplateBody"]!.GetValue<string>())
            .ToArray();

    private static string RuleText(JsonObject template) => template["Rules"]!.ToJsonString();
}
