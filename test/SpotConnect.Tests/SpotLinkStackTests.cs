using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using SpotConnect.Cdk;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Tests.Support;
using SpotConnect.Validation;

namespace SpotConnect.Tests;

/// <summary>The default stack, synthesized once for the class.</summary>
public sealed class DefaultStackFixture
{
    public DefaultStackFixture() => Synthesized = Synth.Stack();

    internal Synthesized Synthesized { get; }
}

[Collection(JsiiCollection.Name)]
public sealed class SpotLinkStackTests(DefaultStackFixture fixture) : IClassFixture<DefaultStackFixture>
{
    private readonly Synthesized _default = fixture.Synthesized;

    private static readonly JsonNode SpotRoot = JsonNode.Parse("""{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":iam::922761411349:root"]]}""")!;

    [Fact]
    public void Default_has_one_role_and_one_managed_policy_named_Spot_Policy()
    {
        _default.Template.ResourceCountIs("AWS::IAM::Role", 1);
        _default.Template.ResourceCountIs("AWS::IAM::ManagedPolicy", 1);
        _default.Template.HasResourceProperties("AWS::IAM::Role", new Dictionary<string, object> { ["RoleName"] = "Spot-Role" });
        _default.Template.HasResourceProperties("AWS::IAM::ManagedPolicy", new Dictionary<string, object> { ["ManagedPolicyName"] = "Spot-Policy" });
        Assert.Equal(2, _default.Json["Resources"]!.AsObject().Count); // the role and the policy; no CDKMetadata
    }

    [Fact]
    public void The_role_path_is_set_only_when_it_is_not_the_root()
    {
        // Adding Path to a deployed role, even "/", is a change CloudFormation makes by replacing the role.
        var role = Assert.Single(_default.Resources("AWS::IAM::Role")).Value;
        Assert.Null(role["Properties"]!["Path"]);

        var app = Synth.App(new Dictionary<string, object> { ["spot:rolePath"] = "/vendor/spot/", ["spot:externalId"] = "abc" });
        var pathed = Assert.Single(app.Resources("AWS::IAM::Role")).Value["Properties"]!;
        Assert.Equal("/vendor/spot/", pathed["Path"]!.GetValue<string>());
        Assert.Equal("Spot-Role", pathed["RoleName"]!.GetValue<string>());

        // SpotRoleArn is the role's own Arn attribute, which carries the path (arn:…:role/vendor/spot/Spot-Role).
        var output = app.Json["Outputs"]!["SpotRoleArn"]!["Value"]!;
        Assert.Equal(Assert.Single(app.Resources("AWS::IAM::Role")).Key, output["Fn::GetAtt"]![0]!.GetValue<string>());
        Assert.Equal("Arn", output["Fn::GetAtt"]![1]!.GetValue<string>());

        var rootGiven = Synth.Stack(new SpotLinkStackProps { RolePath = "/", ExternalId = "abc" });
        Assert.Null(Assert.Single(rootGiven.Resources("AWS::IAM::Role")).Value["Properties"]!["Path"]);

        var e = Assert.Throws<SpotConnectValidationException>(() => new SpotLinkStack(Synth.PlainApp(), "Bad", new SpotLinkStackProps { RolePath = "vendor/" }));
        Assert.Equal("RolePath", Assert.Single(e.Problems).Field);
    }

    [Fact]
    public void Default_grants_exactly_Spots_published_default_policy_with_its_Sids()
    {
        Grants.AssertEquivalent(Reference.GrantsOf(Reference.ContractBundles.Keys), Grants.Of(_default.PolicyStatements));
        Assert.Equal(Reference.Sids.Order(), _default.PolicyStatements.Select(s => s["Sid"]!.GetValue<string>()).Order());
        Assert.All(_default.PolicyStatements, s => Assert.Equal("Allow", s["Effect"]!.GetValue<string>()));
        Assert.DoesNotContain("arn:aws:", _default.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_policy_is_attached_to_the_role()
    {
        var role = _default.Resources("AWS::IAM::Role").Single().Key;
        _default.Template.HasResourceProperties("AWS::IAM::ManagedPolicy", new Dictionary<string, object>
        {
            ["Roles"] = new object[] { new Dictionary<string, object> { ["Ref"] = role } },
        });
    }

    [Fact]
    public void Trust_policy_is_one_statement_for_Spots_account_with_the_external_id()
    {
        var synthesized = Synth.Stack(new SpotLinkStackProps { ExternalId = "pzwWFQdK8ih4ei1T3BpX5EI-OlzFWTRamyq-ckdopWk-" });
        var trust = synthesized.Resources("AWS::IAM::Role").Single().Value["Properties"]!["AssumeRolePolicyDocument"]!;
        var statement = Assert.Single(trust["Statement"]!.AsArray())!;
        Assert.Equal("sts:AssumeRole", statement["Action"]!.GetValue<string>());
        Assert.Equal("Allow", statement["Effect"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(SpotRoot, statement["Principal"]!["AWS"]));
        Assert.Equal("arn:aws:iam::922761411349:root", Intrinsics.Resolve(statement["Principal"]!["AWS"], "aws"));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"StringEquals":{"sts:ExternalId":"pzwWFQdK8ih4ei1T3BpX5EI-OlzFWTRamyq-ckdopWk-"}}"""),
            statement["Condition"]));
        Assert.Null(synthesized.Json["Parameters"]);
    }

    [Fact]
    public void Without_an_external_id_the_template_takes_it_as_a_constrained_parameter()
    {
        _default.Template.HasParameter("ExternalId", new Dictionary<string, object>
        {
            ["Type"] = "String",
            ["MinLength"] = 2,
            ["MaxLength"] = 1224,
            ["AllowedPattern"] = "[\\w+=,.@:/-]*",
        });
        _default.Template.HasResourceProperties("AWS::IAM::Role", Match.ObjectLike(new Dictionary<string, object>
        {
            ["AssumeRolePolicyDocument"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Statement"] = new object[]
                {
                    Match.ObjectLike(new Dictionary<string, object>
                    {
                        ["Condition"] = new Dictionary<string, object>
                        {
                            ["StringEquals"] = new Dictionary<string, object> { ["sts:ExternalId"] = new Dictionary<string, object> { ["Ref"] = "ExternalId" } },
                        },
                    }),
                },
            }),
        }));
        Assert.Equal(["ExternalId"], _default.Json["Parameters"]!.AsObject().Select(kv => kv.Key));
    }

    [Fact]
    public void Outputs_give_the_role_ARN_name_external_id_and_policy_ARNs()
    {
        var role = _default.Resources("AWS::IAM::Role").Single().Key;
        var policy = _default.Resources("AWS::IAM::ManagedPolicy").Single().Key;
        var roleArn = new Capture();
        _default.Template.HasOutput("SpotRoleArn", new Dictionary<string, object> { ["Value"] = roleArn });
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""{"Fn::GetAtt":["{{role}}","Arn"]}"""), JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(roleArn.AsObject()))));
        _default.Template.HasOutput("SpotRoleName", new Dictionary<string, object> { ["Value"] = new Dictionary<string, object> { ["Ref"] = role } });
        _default.Template.HasOutput("SpotExternalId", new Dictionary<string, object> { ["Value"] = new Dictionary<string, object> { ["Ref"] = "ExternalId" } });
        _default.Template.HasOutput("SpotPolicyArns", new Dictionary<string, object> { ["Value"] = new Dictionary<string, object> { ["Ref"] = policy } });
        Assert.Equal(["SpotRoleArn", "SpotRoleName", "SpotExternalId", "SpotPolicyArns"], _default.Json["Outputs"]!.AsObject().Select(kv => kv.Key));
    }

    [Fact]
    public void Several_policies_are_all_attached_and_listed_in_SpotPolicyArns_in_order()
    {
        // A catalog whose default selection needs three policies (about 2,300 characters a bundle).
        var statements = new JsonArray();
        var bundles = new JsonArray();
        for (var i = 0; i < 5; i++)
        {
            statements.Add(new JsonObject
            {
                ["sid"] = $"S{i}",
                ["actions"] = new JsonArray(Enumerable.Range(0, 150).Select(j => (JsonNode)JsonValue.Create($"svc{i}:Action{j:0000}")!).ToArray()),
                ["resources"] = new JsonArray("*"),
            });
            bundles.Add(new JsonObject { ["id"] = $"b{i}", ["product"] = "P", ["title"] = "T", ["description"] = "D", ["alwaysIncluded"] = i == 0, ["statements"] = new JsonArray($"S{i}") });
        }

        var catalog = SpotConnect.Catalog.BundleCatalog.FromJson(new JsonObject { ["schemaVersion"] = 1, ["defaultKeyword"] = "default", ["statements"] = statements, ["bundles"] = bundles }.ToJsonString());
        var synthesized = Synth.Stack(new SpotLinkStackProps { Bundles = BundleSelection.DefaultOf(catalog), ExternalId = "abc" });

        var policies = synthesized.Resources("AWS::IAM::ManagedPolicy");
        Assert.Equal(["Spot-Policy", "Spot-Policy-2", "Spot-Policy-3"], policies.Select(p => p.Value["Properties"]!["ManagedPolicyName"]!.GetValue<string>()));
        var role = synthesized.Resources("AWS::IAM::Role").Single().Key;
        Assert.All(policies, p => Assert.Equal(role, p.Value["Properties"]!["Roles"]![0]!["Ref"]!.GetValue<string>()));
        var joined = synthesized.Json["Outputs"]!["SpotPolicyArns"]!["Value"]!["Fn::Join"]!;
        Assert.Equal(",", joined[0]!.GetValue<string>());
        Assert.Equal(policies.Select(p => p.Key), joined[1]!.AsArray().Select(r => r!["Ref"]!.GetValue<string>()));
        Assert.All(synthesized.ManagedPolicies, p => Assert.True(PolicyJson.CountCharacters(Intrinsics.ResolveAll(p.Document, "aws-us-gov")!) <= 6144));
    }

    [Fact]
    public void Security_audit_is_attached_as_the_AWS_managed_policy_of_the_partition()
    {
        var synthesized = Synth.Stack(new SpotLinkStackProps { Bundles = BundleSelection.Parse("default,security-audit") });
        var arns = synthesized.Resources("AWS::IAM::Role").Single().Value["Properties"]!["ManagedPolicyArns"]!.AsArray();
        Assert.Equal("arn:aws:iam::aws:policy/SecurityAudit", Intrinsics.Resolve(Assert.Single(arns), "aws"));
        Assert.Equal("arn:aws-cn:iam::aws:policy/SecurityAudit", Intrinsics.Resolve(arns[0], "aws-cn"));
    }

    [Theory]
    [InlineData("general")]
    [InlineData("elastigroup")]
    [InlineData("ocean")]
    [InlineData("ocean.eks")]
    [InlineData("ocean.ecs")]
    [InlineData("elastigroup.route53")]
    [InlineData("elastigroup.batch")]
    [InlineData("elastigroup.stateful")]
    [InlineData("elastigroup.beanstalk")]
    [InlineData("elastigroup.emr")]
    [InlineData("elastigroup.codedeploy")]
    [InlineData("elastigroup.opsworks")]
    [InlineData("storage")]
    [InlineData("security-audit")]
    public void Each_bundle_alone_grants_general_its_product_and_itself(string id)
    {
        var synthesized = Synth.Selection(id);
        var implied = Reference.Implied(id);
        Grants.AssertEquivalent(Reference.GrantsOf(implied), Grants.Of(synthesized.PolicyStatements));
        var expectedSids = implied.SelectMany(b => Reference.ContractBundles[b]).Distinct().Order();
        Assert.Equal(expectedSids, synthesized.PolicyStatements.Select(s => s["Sid"]!.GetValue<string>()).Order());
        var role = synthesized.Resources("AWS::IAM::Role").Single().Value["Properties"]!.AsObject();
        Assert.Equal(id == "security-audit", role.ContainsKey("ManagedPolicyArns"));
    }

    [Fact]
    public void Ocean_with_EKS_gives_only_general_Ocean_and_EKS()
    {
        var synthesized = Synth.Selection("ocean,ocean.eks");
        Assert.Equal(
            new[] { "OverviewDashboard", "AccountOperativeActions", "OceanAndElastigroupBasicActions", "OceanEks" },
            synthesized.PolicyStatements.Select(s => s["Sid"]!.GetValue<string>()));
    }

    [Fact]
    public void Policy_documents_in_the_template_are_the_builders_documents_and_within_the_limit()
    {
        foreach (var selection in new[] { "default", "ocean,ocean.eks", "elastigroup.beanstalk,storage" })
        {
            var bundles = BundleSelection.Parse(selection);
            var synthesized = Synth.Stack(new SpotLinkStackProps { Bundles = bundles, ExternalId = "abc" });
            var plan = PolicyBuilder.Spot.Build(bundles);
            foreach (var partition in SpotPartition.All)
            {
                var fromTemplate = new JsonArray(synthesized.ManagedPolicies
                    .Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["document"] = Intrinsics.ResolveAll(p.Document, partition.Name) })
                    .ToArray());
                Assert.True(JsonNode.DeepEquals(plan.ToJson(partition), fromTemplate), $"{selection} in {partition}");
            }

            foreach (var (name, document) in synthesized.ManagedPolicies)
            {
                var size = PolicyJson.CountCharacters(Intrinsics.ResolveAll(document, "aws-us-gov")!);
                Assert.True(size <= 6144, $"{name}: {size}");
            }
        }
    }

    [Fact]
    public void Deploys_without_bootstrap_by_default()
    {
        Assert.Null(_default.Json["Parameters"]!["BootstrapVersion"]);
        Assert.Null(_default.Json["Rules"]!["CheckBootstrapVersion"]);
        var manifest = File.ReadAllText(Path.Combine(_default.Outdir, "manifest.json"));
        Assert.DoesNotContain("assumeRoleArn", manifest, StringComparison.Ordinal);
        Assert.DoesNotContain("cloudFormationExecutionRoleArn", manifest, StringComparison.Ordinal);
        Assert.DoesNotContain("requiresBootstrapStackVersion", manifest, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_default.Outdir, "SpotLinkStack.assets.json")));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(_default.Text) < 51200);
    }

    [Fact]
    public void The_stack_props_have_one_Tags_CDKs_own_which_tags_the_stack_and_the_role()
    {
        // Read through the props interfaces (this compiles only while no two Tags are inherited) and through the role's options.
        static IDictionary<string, string>? OfStack(ISpotLinkStackProps p) => p.Tags;
        static IDictionary<string, string>? OfCdk(Amazon.CDK.IStackProps p) => p.Tags;
        static IDictionary<string, string>? OfRole(SpotConnect.Settings.ISpotRoleOptions p) => p.Tags;
        static IDictionary<string, string>? OfOrg(ISpotOrgStackProps p) => p.Tags;
        var props = new SpotLinkStackProps { Tags = new Dictionary<string, string> { ["Team"] = "platform" } };
        Assert.Same(props.Tags, OfStack(props));
        Assert.Same(props.Tags, OfCdk(props));
        Assert.Same(props.Tags, OfRole(props));
        Assert.Same(props.Tags, OfOrg(new SpotOrgStackProps { Tags = props.Tags }));

        var role = Synth.Stack(props).Resources("AWS::IAM::Role").Single().Value;
        Assert.Contains("\"Key\":\"Team\"", role["Properties"]!["Tags"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_stacks_own_synthesizer_decides_bootstrapping_the_default_synthesizer_uses_the_bootstrap_resources()
    {
        var synthesized = Synth.Stack(new SpotLinkStackProps { Synthesizer = new Amazon.CDK.DefaultStackSynthesizer() });
        Assert.NotNull(synthesized.Json["Parameters"]!["BootstrapVersion"]);
        Assert.Contains("assumeRoleArn", File.ReadAllText(Path.Combine(synthesized.Outdir, "manifest.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_template_refuses_to_deploy_into_another_partition()
    {
        var rule = _default.Json["Rules"]!["PartitionRule"]!["Assertions"]!.AsArray().Single()!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"Fn::Equals":[{"Ref":"AWS::Partition"},"aws"]}"""), rule["Assert"]));
        // The same words whoever synthesized it (no context key, no props name): a template does not depend on its entry point.
        var description = rule["AssertDescription"]!.GetValue<string>();
        Assert.Contains("Synthesize it again for the target partition (aws, aws-us-gov, aws-cn)", description, StringComparison.Ordinal);
        Assert.DoesNotContain("spot:", description, StringComparison.Ordinal);
        Assert.DoesNotContain("Link.", description, StringComparison.Ordinal);
        var fromApp = Synth.App().Json["Rules"]!["PartitionRule"]!["Assertions"]![0]!["AssertDescription"]!.GetValue<string>();
        Assert.Equal(description, fromApp);

        var gov = Synth.Stack(new SpotLinkStackProps { Partition = SpotPartition.AwsUsGov, PrincipalAccountId = "123456789012" });
        Assert.Contains("\"aws-us-gov\"", gov.Json["Rules"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_props_throw_with_every_problem_before_anything_is_added()
    {
        var app = Synth.PlainApp();
        var e = Assert.Throws<SpotConnectValidationException>(() => new SpotLinkStack(app, "Bad", new SpotLinkStackProps { ExternalId = "x", RoleName = "Spot Role", PrincipalAccountId = "92276141134", MaxManagedPolicies = 21 }));
        Assert.Equal(["ExternalId", "RoleName", "MaxManagedPolicies", "PrincipalAccountId"], e.Problems.Select(p => p.Field));
        Assert.Empty(app.Node.Children);

        // The construct alone names its own props, and requires the external id.
        var stack = new Amazon.CDK.Stack(app, "Own");
        var alone = Assert.Throws<SpotConnectValidationException>(() => new SpotLink(stack, "Spot", new SpotLinkProps { RoleName = "Spot Role" }));
        Assert.Equal(["ExternalId", "RoleName"], alone.Problems.Select(p => p.Field));
        Assert.Contains("required", alone.Problems[0].Rule, StringComparison.Ordinal);
        Assert.Empty(stack.Node.Children);
    }

    [Fact]
    public void A_bad_stack_name_is_reported_with_the_other_problems_by_every_stack_construct()
    {
        // Not left to CDK's own check (a bare exception, one problem at a time): named as the props name it.
        var link = Assert.Throws<SpotConnectValidationException>(() => new SpotLinkStack(Synth.PlainApp(), "Link", new SpotLinkStackProps { StackName = "1stack", RoleName = "Spot Role" }));
        Assert.Equal(["RoleName", "StackName"], link.Problems.Select(p => p.Field));
        Assert.Contains("StackName: '1stack' is invalid", link.Message, StringComparison.Ordinal);

        var stage = Assert.Throws<SpotConnectValidationException>(() => new SpotLinkStage(Synth.PlainApp(), "Stage", new SpotLinkStageProps { ExternalId = "abc", StackName = "spot_link" }));
        Assert.Equal(["StackName"], stage.Problems.Select(p => p.Field));

        var org = Assert.Throws<SpotConnectValidationException>(() => new SpotOrgStack(Synth.PlainApp(), "Org", new SpotOrgStackProps { State = OrgStates.Build(1), StackName = "1stack", FailureTolerance = 101 }));
        Assert.Equal(["FailureTolerance", "StackName"], org.Problems.Select(p => p.Field));

        // A deploy-time name cannot name a stack: said as such, not left to the CDK's own check.
        var token = Assert.Throws<SpotConnectValidationException>(() => new SpotLinkStack(Synth.PlainApp(), "Token", new SpotLinkStackProps { StackName = Amazon.CDK.Fn.ImportValue("Name") }));
        Assert.Equal("StackName", Assert.Single(token.Problems).Field);
        Assert.Contains("must be known at synthesis", token.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unresolved_tokens_for_names_and_ids_are_accepted_and_left_to_CloudFormation()
    {
        var app = Synth.PlainApp();
        var stack = new Amazon.CDK.Stack(app, "Tokens");
        var role = new Amazon.CDK.CfnParameter(stack, "RoleName", new Amazon.CDK.CfnParameterProps { Type = "String" });
        var policy = new Amazon.CDK.CfnParameter(stack, "PolicyName", new Amazon.CDK.CfnParameterProps { Type = "String" });
        var principal = new Amazon.CDK.CfnParameter(stack, "Principal", new Amazon.CDK.CfnParameterProps { Type = "String" });
        var link = new SpotLink(stack, "Spot", new SpotLinkProps
        {
            ExternalId = "abc",
            RoleName = role.ValueAsString,
            PolicyName = policy.ValueAsString,
            PrincipalAccountId = principal.ValueAsString,
        });

        var template = Amazon.CDK.Assertions.Template.FromStack(stack);
        template.HasResourceProperties("AWS::IAM::Role", new Dictionary<string, object> { ["RoleName"] = new Dictionary<string, object> { ["Ref"] = "RoleName" } });
        template.HasResourceProperties("AWS::IAM::ManagedPolicy", new Dictionary<string, object> { ["ManagedPolicyName"] = new Dictionary<string, object> { ["Ref"] = "PolicyName" } });
        Assert.Single(link.ManagedPolicies);
    }

    [Fact]
    public void Every_StackProps_property_is_passed_through_to_the_stack()
    {
        // By reflection over StackProps, so a property a CDK upgrade adds cannot be dropped unnoticed.
        var props = new SpotLinkStackProps();
        var samples = new Dictionary<string, object>
        {
            ["AnalyticsReporting"] = true,
            ["CrossRegionReferences"] = true,
            ["Description"] = "custom description",
            ["Env"] = new Amazon.CDK.Environment { Account = "123456789012", Region = "eu-west-1" },
            ["NotificationArns"] = new[] { "arn:aws:sns:eu-west-1:123456789012:stack-events" },
            ["PermissionsBoundary"] = Amazon.CDK.PermissionsBoundary.FromName("boundary"),
            ["StackName"] = "CustomName",
            ["SuppressTemplateIndentation"] = true,
            ["Synthesizer"] = new Amazon.CDK.LegacyStackSynthesizer(),
            ["Tags"] = new Dictionary<string, string> { ["team"] = "platform" },
            ["TerminationProtection"] = true,
        };
        foreach (var (_, property) in SpotLinkStack.StackPropsProperties)
        {
            Assert.True(samples.ContainsKey(property.Name), $"StackProps.{property.Name} is new: add a sample value here and check it is passed through.");
            property.SetValue(props, samples[property.Name]);
        }

        var passed = SpotLinkStack.ToStackProps(props, SpotLinkStack.StackDescription, legacyWhenUnset: true);
        foreach (var (_, property) in SpotLinkStack.StackPropsProperties)
        {
            Assert.Equal(property.GetValue(props), property.GetValue(passed));
        }

        // And in a real synthesis: the notification topics reach the cloud assembly.
        var synthesized = Synth.Stack(new SpotLinkStackProps { NotificationArns = ["arn:aws:sns:us-east-1:123456789012:stack-events"], TerminationProtection = true });
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(synthesized.Outdir, "manifest.json")))!["artifacts"]!["SpotLinkStack"]!["properties"]!;
        Assert.Equal("arn:aws:sns:us-east-1:123456789012:stack-events", manifest["notificationArns"]![0]!.GetValue<string>());
        Assert.True(manifest["terminationProtection"]!.GetValue<bool>());
    }

    [Fact]
    public void The_construct_can_be_used_in_any_stack()
    {
        var app = Synth.PlainApp();
        var stack = new Amazon.CDK.Stack(app, "Platform");
        var link = new SpotLink(stack, "Spot", new SpotLinkProps { ExternalId = "ext-123", Bundles = BundleSelection.Parse("ocean.ecs"), RoleName = "SpotOceanRole" });
        var template = Template.FromStack(stack);
        template.HasResourceProperties("AWS::IAM::Role", new Dictionary<string, object> { ["RoleName"] = "SpotOceanRole" });
        template.ResourceCountIs("AWS::IAM::ManagedPolicy", 1);
        Assert.Equal(["Spot-Policy"], link.Spec.Plan.Policies.Select(p => p.Name));
        var role = template.FindResources("AWS::IAM::Role").Keys.Single();
        template.HasResourceProperties("AWS::IAM::ManagedPolicy", new Dictionary<string, object>
        {
            ["Roles"] = new object[] { new Dictionary<string, object> { ["Ref"] = role } },
        });
    }
}
