using System.Text.Json;
using System.Text.Json.Nodes;
using SpotConnect.Cdk;
using SpotConnect.Selection;
using SpotConnect.Settings;
using SpotConnect.Policies;
using SpotConnect.Tests.Support;
using SpotConnect.Validation;

namespace SpotConnect.Tests;

/// <summary>The CDK app through its public host (<c>SpotConnectApp</c>): context keys, environment fallbacks, and the stack it builds from them.</summary>
[Collection(JsiiCollection.Name)]
public sealed class AppTests
{
    /// <summary>
    /// The stack the public app host adds to an app with <paramref name="context"/> (as <c>cdk.json</c> and <c>-c</c> give
    /// it, through jsii) and <paramref name="env"/> as its only environment: built, not synthesized.
    /// </summary>
    private static SpotLinkStack AddStack(Dictionary<string, object> context, Dictionary<string, string>? env = null)
    {
        var app = new Amazon.CDK.App(new Amazon.CDK.AppProps { Outdir = Scratch.Folder("spotconnect-app-").FullName, Context = context });
        return Assert.IsType<SpotLinkStack>(SpotConnect.Hosting.SpotConnectApp.AddStack(app, new SpotConnect.Hosting.SpotConnectAppOptions { Environment = k => env?.GetValueOrDefault(k) }));
    }

    /// <summary>Whether the template is one for a bootstrapped account (CDK's default synthesizer checks the bootstrap version).</summary>
    private static bool ChecksBootstrapVersion(JsonObject template) => template["Parameters"]?["BootstrapVersion"] is not null;

    /// <summary>The deletion policy of the template's role and managed policies, each.</summary>
    private static string?[] DeletionPolicies(Synthesized synthesized) =>
        [.. synthesized.Resources("AWS::IAM::Role").Concat(synthesized.Resources("AWS::IAM::ManagedPolicy")).Select(r => r.Value["DeletionPolicy"]?.GetValue<string>())];

    [Fact]
    public void Defaults_match_Spots_console()
    {
        var synthesized = Synth.App();
        var link = synthesized.Stack.Spec;
        Assert.Equal("SpotLinkStack", synthesized.Stack.StackName);
        Assert.NotNull(synthesized.Stack.ExternalIdParameter); // none given: the ExternalId parameter, given at deploy
        Assert.NotNull(synthesized.Json["Parameters"]?["ExternalId"]);
        Assert.True(link.Bundles.IsDefault);
        Assert.Equal("Spot-Role", link.RoleName);
        Assert.Equal("Spot-Policy", link.PolicyName);
        Assert.Equal(SpotPartition.Aws, link.Partition);
        Assert.Equal("922761411349", link.PrincipalAccountId);
        Assert.Equal(10, link.MaxManagedPolicies);
        Assert.False(ChecksBootstrapVersion(synthesized.Json)); // not bootstrapped
        Assert.All(DeletionPolicies(synthesized), policy => Assert.NotEqual("Retain", policy)); // not retained
    }

    [Fact]
    public void Every_link_setting_given_as_context_reaches_the_stack_as_Core_resolves_it()
    {
        // Every setting of the link at a value other than its default: the host copies each onto the stack's props.
        var context = new Dictionary<string, object>
        {
            ["spot:externalId"] = "ext-all-settings",
            ["spot:bundles"] = "ocean,ocean.eks",
            ["spot:partition"] = "aws",
            ["spot:principalAccountId"] = "123456789012",
            ["spot:roleName"] = "AllRole",
            ["spot:rolePath"] = "/vendor/spot/",
            ["spot:policyName"] = "AllPolicy",
            ["spot:maxManagedPolicies"] = "5",
            ["spot:permissionsBoundary"] = "arn:aws:iam::111111111111:policy/Boundary",
            ["spot:tags"] = "team=platform,cost=spot",
            ["spot:regions"] = "us-east-1,eu-west-1",
            ["spot:restrictToSpotResources"] = "true",
            ["spot:kmsKeyArns"] = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            ["spot:logBucket"] = "spot-logs",
        };
        Assert.Empty(SpotSettings.Link.Select(s => s.ContextKey).Except(context.Keys)); // a new link setting belongs in this test

        var read = SpotContextSettings.Read(k => context.GetValueOrDefault(k), _ => null);
        var expected = SpotLinkSpec.Resolve(SpotLinkOptions.From(read.Values));
        var stack = AddStack(context);

        Assert.Equal(expected.Fingerprint(), stack.Spec.Fingerprint());
        Assert.Equal("ext-all-settings", stack.Spec.ExternalId);
    }

    [Fact]
    public void Context_wins_over_the_environment_which_wins_over_defaults()
    {
        var env = new Dictionary<string, string>
        {
            ["SPOT_EXTERNAL_ID"] = "from-env",
            ["SPOT_BUNDLES"] = "storage",
            ["SPOT_ROLE_NAME"] = "EnvRole",
            ["SPOT_POLICY_NAME"] = "EnvPolicy",
            ["SPOT_STACK_NAME"] = "EnvStack",
        };
        var stack = AddStack(new() { ["spot:externalId"] = "from-context", ["spot:roleName"] = "CtxRole" }, env);
        Assert.Equal("from-context", stack.Spec.ExternalId);
        Assert.Null(stack.ExternalIdParameter);
        Assert.Equal("CtxRole", stack.Spec.RoleName);
        Assert.Equal("EnvPolicy", stack.Spec.PolicyName);
        Assert.Equal("EnvStack", stack.StackName);
        Assert.Equal("general,storage", stack.Spec.Bundles.ToString());
    }

    [Fact]
    public void A_bundle_list_in_cdk_json_may_be_a_JSON_array()
    {
        // As the CDK hands it to the app: through jsii, from the app's context.
        Assert.Equal("general,ocean,ocean.eks", AddStack(new() { ["spot:bundles"] = new object[] { "ocean", "ocean.eks" } }).Spec.Bundles.ToString());
        Assert.Equal("general,ocean,ocean.ecs,storage", AddStack(new() { ["spot:bundles"] = new[] { "storage", "ocean.ecs" } }).Spec.Bundles.ToString());
    }

    [Fact]
    public void Empty_environment_variables_count_as_unset()
    {
        var stack = AddStack([], new() { ["SPOT_EXTERNAL_ID"] = "", ["SPOT_BUNDLES"] = " ", ["SPOT_ROLE_NAME"] = "", ["SPOT_STACK_NAME"] = " " });
        Assert.NotNull(stack.ExternalIdParameter); // none given
        Assert.True(stack.Spec.Bundles.IsDefault);
        Assert.Equal("Spot-Role", stack.Spec.RoleName);
        Assert.Equal("SpotLinkStack", stack.StackName);
    }

    [Fact]
    public void Json_typed_context_values_from_cdk_json_are_accepted()
    {
        var synthesized = Synth.App(new() { ["spot:maxManagedPolicies"] = 12d, ["spot:bootstrapped"] = true, ["spot:retainOnDelete"] = "TRUE" });
        Assert.Equal(12, synthesized.Stack.Spec.MaxManagedPolicies);
        Assert.True(ChecksBootstrapVersion(synthesized.Json)); // bootstrapped: CDK's default synthesizer
        Assert.All(DeletionPolicies(synthesized), policy => Assert.Equal("Retain", policy));
    }

    [Fact]
    public void Every_link_setting_the_app_reads_reaches_the_props_of_both_stacks()
    {
        // Every property of the link's options set (a property added later without a value here fails first), then
        // copied as the app copies them onto SpotLinkStack's and SpotOrgStack's props: nothing may be dropped.
        var options = new SpotLinkOptions
        {
            ExternalId = "ext-123456", Bundles = BundleSelection.Parse("ocean,ocean.eks"), Partition = SpotPartition.Parse("aws-us-gov"),
            PrincipalAccountId = "123456789012", RoleName = "TeamSpotRole", RolePath = "/vendor/", PolicyName = "Team-Spot",
            MaxManagedPolicies = 12, RolePermissionsBoundary = "SpotBoundary", Tags = new Dictionary<string, string> { ["Team"] = "platform" },
            Regions = ["us-gov-west-1"], RestrictToSpotResources = true, KmsKeyArns = ["arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/k"],
            LogBucket = "ocean-logs",
        };
        var roleProperties = typeof(ISpotRoleOptions).GetProperties();
        var properties = typeof(ISpotLinkOptions).GetProperties().Concat(roleProperties).ToArray();
        Assert.All(properties, p => Assert.NotNull(p.GetValue(options)));

        var link = new SpotLinkStackProps();
        var org = new SpotOrgStackProps();
        SpotConnect.Hosting.LinkOptions.CopyTo(options, link);
        SpotConnect.Hosting.LinkOptions.CopyTo(options, org);
        foreach (var property in properties)
        {
            Assert.Equal(Text(property.GetValue(options)), Text(property.GetValue(link)));
        }

        // The rollout takes every role option; the external ids are the state's.
        foreach (var property in roleProperties)
        {
            Assert.Equal(Text(property.GetValue(options)), Text(property.GetValue(org)));
        }

        static string Text(object? value) => JsonSerializer.Serialize(value is BundleSelection bundles ? bundles.ToString() : value);
    }

    [Fact]
    public void Every_bad_setting_is_reported_at_once_by_its_context_key()
    {
        // Through the app itself (its edge, then the constructs' checks): every problem, named by its context key.
        var e = Assert.Throws<SpotConnectValidationException>(() => SpotConnect.Hosting.SpotConnectApp.AddStack(Synth.PlainApp(), SpotConnect.Settings.SpotContextSettings.Read(new Dictionary<string, object>
        {
            ["spot:externalId"] = "a b",
            ["spot:bundles"] = "ocean,eks",
            ["spot:maxManagedPolicies"] = "ten",
            ["spot:bootstrapped"] = "yes",
            ["spot:stackName"] = "1stack",
        }.GetValueOrDefault, _ => null)));
        Assert.Equal(
            ["spot:externalId", "spot:bundles", "spot:stackName", "spot:maxManagedPolicies", "spot:bootstrapped"],
            e.Problems.Select(p => p.Field));
        Assert.Contains("'eks'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Valid choices: true, false.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_in_a_projects_Program_cs_sets_CDKs_own_stack_properties_and_a_Spot_setting_in_code_shows_in_the_fingerprint_the_tool_checks()
    {
        // The public app host with code over the context: CDK's own stack properties, which no context key carries, leave
        // the Spot resources (and so the fingerprint the tool compares before it deploys) exactly the context's.
        var context = new Dictionary<string, object> { ["spot:bundles"] = "ocean", ["spot:externalId"] = Synth.SelectionExternalId };
        SynthesizedOrg WithCode(Action<SpotLinkStackProps> configure) =>
            Synth.Org(app => SpotConnect.Hosting.SpotConnectApp.AddStack(app, SpotContextSettings.Read(k => context.GetValueOrDefault(k), _ => null),
                new SpotConnect.Hosting.SpotConnectAppOptions { ConfigureLink = configure }));

        // (read from the manifest on disk, as the tool reads it)
        static string Fingerprint(string outdir, Amazon.CDK.Stack stack) =>
            JsonNode.Parse(File.ReadAllText(Path.Combine(outdir, "manifest.json")))!["artifacts"]![stack.ArtifactId]!["metadata"]!["/" + stack.StackName]!.AsArray()
                .Single(m => m!["type"]!.GetValue<string>() == SpotStackMetadata.FingerprintType)!["data"]!.GetValue<string>();

        var protectedStack = WithCode(props => props.TerminationProtection = true);
        Assert.True(protectedStack.Stack.TerminationProtection);
        var fromContext = SpotLinkSpec.Resolve(new SpotLinkOptions { Bundles = BundleSelection.Parse("ocean"), ExternalId = Synth.SelectionExternalId }).Fingerprint();
        Assert.Equal(fromContext, Fingerprint(protectedStack.Outdir, protectedStack.Stack));

        // A Spot setting set in code (the role's tags) is the role's: the fingerprint shows it, so the tool, which resolved
        // cdk.json, refuses to deploy it rather than record and plan something else than what stands.
        var tagged = WithCode(props => props.Tags = new Dictionary<string, string> { ["CostCenter"] = "4711" });
        var role = tagged.Json["Resources"]!.AsObject().Single(r => r.Value!["Type"]!.GetValue<string>() == "AWS::IAM::Role").Value!;
        Assert.Contains("CostCenter", role["Properties"]!["Tags"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.NotEqual(fromContext, Fingerprint(tagged.Outdir, tagged.Stack));
    }
}
