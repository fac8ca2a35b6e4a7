using System.Text.Json;
using System.Text.Json.Nodes;
using SpotConnect.Catalog;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Settings;
using SpotConnect.Tests.Support;
using SpotConnect.Validation;

namespace SpotConnect.Tests;

/// <summary>The least-privilege settings: validation, statement shaping, packing, comparison, and the CLI's view of them.</summary>
public sealed class LeastPrivilegeTests
{
    private const string Key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static readonly string[] AllAwsRegions = [.. LeastPrivilegeData.Spot.Regions.Aws];

    private static SpotConnectValidationException Fails(Dictionary<string, object> context, Dictionary<string, string>? env = null) =>
        Assert.Throws<SpotConnectValidationException>(() => ContextRules.Link(context, env));

    private static SpotLinkSpec Resolve(SpotLinkOptions options) => SpotLinkSpec.Resolve(options);

    public static TheoryData<string, string, string> BadValues => new()
    {
        // key, value, expected fragment of the rule or choices
        { "spot:regions", "eu-west-1,moon", "'moon' is not a region code" },
        { "spot:regions", " , ", "at least one region code" },
        { "spot:regions", "us-gov-west-1", "is not a region of partition 'aws'" },
        { "spot:regions", "eu-west-9", "Valid choices: af-south-1," },
        { "spot:permissionsBoundary", "arn:aws:iam::123:policy/Boundary", "a permissions boundary is a managed policy ARN" },
        { "spot:permissionsBoundary", "Boundary Policy", "a managed policy name in the deploying account" },
        { "spot:permissionsBoundary", "arn:aws-cn:iam::123456789012:policy/Boundary", "must name the link's partition 'aws' (set with spot:partition)" },
        { "spot:tags", "aws:team=platform", "prefix 'aws:', which AWS reserves" },
        { "spot:tags", "Team", "'Team' is not Key=Value" },
        { "spot:tags", new string('k', 129) + "=v", "must be 1–128 characters" },
        { "spot:tags", "Team=" + new string('v', 257), "must be 1–256 characters" },
        { "spot:tags", "Team=a,team=b", "differ only in case" },
        { "spot:tags", "Team=a|b", "the value of 'Team' must be" },
        { "spot:tags", string.Join(",", Enumerable.Range(1, 51).Select(i => $"k{i}=v")), "51 tags, more than the 50" },
        { "spot:tags", "Team=a,Team=b", "the key 'Team' is given twice" },
        { "spot:tags", """{"Team": 5}""", "the value of 'Team' must be a string" },
        { "spot:restrictToSpotResources", "yes", "Valid choices: true, false" },
        { "spot:kmsKeyArns", "arn:aws:kms:eu-west-1:123456789012:alias/ebs", "An alias ARN does not work" },
        { "spot:kmsKeyArns", "1234abcd-12ab-34cd-56ef-1234567890ab", "a KMS key ARN is arn:<partition>:kms:" },
        { "spot:kmsKeyArns", "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/abc", "must name the link's partition 'aws'" },
        { "spot:logBucket", "Bad_Bucket", "an S3 bucket name is 3–63 characters" },
        { "spot:logBucket", "arn:aws:s3:::my-logs", "Give the bucket's name, not its ARN" },
        { "spot:logBucket", "192.168.1.1", "not an IP address" },
        { "spot:logBucket", "amzn-s3-demo-logs", "reserved prefixes" },
        { "spot:logBucket", "logs.mrap", "suffixes" },
        { "spot:tags", "Team=", "must be 1–256 characters" },
        { "spot:kmsKeyArns", "arn:aws:kms:us-gov-west-1:123456789012:key/abc", "a key's region must be a region of partition 'aws'" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_bad_value_is_one_message_naming_the_key_the_value_and_the_rule(string key, string value, string rule)
    {
        var e = Fails(new() { [key] = value });
        var problem = Assert.Single(e.Problems);
        Assert.Equal(key, problem.Field);
        Assert.StartsWith($"{key}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(rule, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SPOT_PERMISSIONS_BOUNDARY", "spot:permissionsBoundary", "a b")]
    [InlineData("SPOT_TAGS", "spot:tags", "aws:x=y")]
    [InlineData("SPOT_REGIONS", "spot:regions", "moon")]
    [InlineData("SPOT_KMS_KEY_ARNS", "spot:kmsKeyArns", "alias/x")]
    [InlineData("SPOT_LOG_BUCKET", "spot:logBucket", "A")]
    public void Environment_fallbacks_are_checked_under_their_context_key(string variable, string key, string value) =>
        Assert.Equal(key, Assert.Single(Fails([], new() { [variable] = value }).Problems).Field);

    [Fact]
    public void Every_least_privilege_problem_comes_at_once_with_the_others()
    {
        var e = Fails(new()
        {
            ["spot:roleName"] = "a b",
            ["spot:permissionsBoundary"] = "x y",
            ["spot:tags"] = "aws:a=b",
            ["spot:regions"] = "moon",
            ["spot:restrictToSpotResources"] = "perhaps",
            ["spot:kmsKeyArns"] = "alias/x",
            ["spot:logBucket"] = "B",
        });
        Assert.Equal(
            ["spot:roleName", "spot:permissionsBoundary", "spot:tags", "spot:regions", "spot:restrictToSpotResources", "spot:kmsKeyArns", "spot:logBucket"],
            e.Problems.Select(p => p.Field));
    }

    public static TheoryData<string, string[], string, string[], bool> Implications => new()
    {
        // this operator and values, other operator and values: does 'other' holding imply 'this' holds?
        { "StringEquals", ["a", "b"], "StringEquals", ["a"], true },
        { "StringEquals", ["a"], "StringEquals", ["a", "b"], false },
        { "StringLike", ["a*"], "StringLike", ["a*"], true },
        { "StringEquals", ["a"], "StringLike", ["a"], false },
        { "StringNotEquals", ["a"], "StringNotEquals", ["a", "b"], true },
        { "StringNotEquals", ["a", "b"], "StringNotEquals", ["a"], false },
        { "Stringnotequals", ["a", "b"], "StringNotEquals", ["a"], false },
        { "ArnLike", ["arn:aws:s3:::x*", "arn:aws:s3:::y*"], "ArnLike", ["arn:aws:s3:::x*"], true },
        { "Bool", ["true"], "Bool", ["true"], true },
        { "Bool", ["true"], "Bool", ["false"], false },
        { "StringEqualsIfExists", ["a", "b"], "StringEqualsIfExists", ["a"], true },
        { "StringEqualsIfExists", ["a"], "StringEquals", ["a"], false },
        { "NumericLessThan", ["10"], "NumericLessThan", ["5"], false },
    };

    [Theory]
    [MemberData(nameof(Implications))]
    public void A_condition_is_implied_only_by_one_at_least_as_strict(string op, string[] values, string otherOp, string[] otherValues, bool implied) =>
        Assert.Equal(implied, new PolicyCondition(op, "k", values).IsImpliedBy(new PolicyCondition(otherOp, "K", otherValues)));

    [Fact]
    public void A_grant_with_conditions_covers_only_grants_with_at_least_those_conditions()
    {
        var region = new PolicyCondition("StringEquals", "aws:RequestedRegion", ["eu-west-1", "eu-central-1"]);
        var tag = new PolicyCondition("StringEquals", "ec2:ResourceTag/spotinst:aws:ec2:group:createdBy", ["spotinst"]);
        var plain = new PolicyGrant("ec2:TerminateInstances", "*");
        var tagged = plain with { Conditions = [tag] };
        var taggedInOneRegion = plain with { Conditions = [tag, region with { Values = ["eu-west-1"] }] };

        Assert.True(plain.Covers(tagged));
        Assert.False(tagged.Covers(plain));
        Assert.True(tagged.Covers(taggedInOneRegion));
        Assert.False(taggedInOneRegion.Covers(tagged));
        Assert.True((plain with { Conditions = [tag, region] }).Covers(taggedInOneRegion));
    }

    [Fact]
    public void Deploy_time_regions_are_refused_because_the_packer_could_not_count_them()
    {
        var problems = new List<ValidationProblem>();
        Assert.Null(SpotLinkSpec.TryResolve(new SpotLinkOptions() { Regions = ["#{Token[TOKEN.1]}"] }, problems, v => v.Contains("Token[", StringComparison.Ordinal)));
        Assert.Contains("must be known when the template is synthesized", Assert.Single(problems).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_time_tags_are_not_checked_but_still_count_toward_IAMs_fifty()
    {
        static bool IsToken(string value) => value.StartsWith("${Token[", StringComparison.Ordinal);
        var tags = Enumerable.Range(1, 50).ToDictionary(i => $"k{i}", i => "v");
        tags["${Token[TOKEN.9]}"] = "${Token[TOKEN.10]}";
        var problems = new List<ValidationProblem>();
        Assert.Null(SpotLinkSpec.TryResolve(new SpotLinkOptions() { Tags = tags }, problems, IsToken));
        Assert.Contains("51 tags", Assert.Single(problems).Rule, StringComparison.Ordinal);

        tags.Remove("k1");
        Assert.NotNull(SpotLinkSpec.TryResolve(new SpotLinkOptions() { Tags = tags }, problems = [], IsToken));
    }

    [Fact]
    public void Many_KMS_keys_are_cut_into_parts_that_each_fit_a_policy()
    {
        var keys = Enumerable.Range(0, 150).Select(i => $"arn:aws:kms:eu-west-1:123456789012:key/{i:D8}-12ab-34cd-56ef-1234567890ab").ToArray();
        var spec = Resolve(new() { Bundles = BundleSelection.Parse("general"), KmsKeyArns = keys, MaxManagedPolicies = 20 });
        var useParts = spec.Plan.Statements.Where(s => s.Sid.StartsWith("AllowUseOfTheKey", StringComparison.Ordinal))
            .OrderBy(s => s.Sid.Length).ThenBy(s => s.Sid, StringComparer.Ordinal).ToArray();
        Assert.True(useParts.Length > 1);
        Assert.Equal(Enumerable.Range(1, useParts.Length).Select(i => i == 1 ? "AllowUseOfTheKey" : $"AllowUseOfTheKey{i}"), useParts.Select(s => s.Sid));
        Assert.Equal(keys.Select(k => "arn:${AWS::Partition}" + k[7..]), useParts.SelectMany(s => s.Resources));
        Assert.All(spec.Plan.Policies, p => Assert.InRange(PolicyJson.CountCharacters(p.Document(SpotPartition.Longest)), 1, PolicyPlanOptions.IamManagedPolicySizeLimit));
    }

    [Fact]
    public void Tags_and_lists_read_from_cdk_json_as_JSON()
    {
        using var context = JsonDocument.Parse("""{"spot:tags": {"Team": "platform", "CostCenter": "42=a"}, "spot:regions": ["eu-west-1", "eu-central-1"], "spot:kmsKeyArns": ["KEY"]}""".Replace("KEY", Key, StringComparison.Ordinal));
        var link = ContextRules.Link(k => context.RootElement.TryGetProperty(k, out var v) ? v : null);
        Assert.Equal(new Dictionary<string, string> { ["Team"] = "platform", ["CostCenter"] = "42=a" }, link.Tags);
        Assert.Equal(["eu-west-1", "eu-central-1"], link.Restrictions.Regions);
        Assert.Equal(["arn:${AWS::Partition}:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"], link.Restrictions.KmsKeyArns);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("elastigroup,elastigroup.stateful,storage")]
    [InlineData("ocean,ocean.ecs,ocean.eks")]
    public void Restricting_keeps_every_grant_and_puts_each_under_the_right_condition(string bundles)
    {
        var plain = Resolve(new() { Bundles = BundleSelection.Parse(bundles) });
        var shaped = Resolve(new() { Bundles = BundleSelection.Parse(bundles), Regions = ["eu-west-1"], RestrictToSpotResources = true });
        var data = LeastPrivilegeData.Spot;

        // No grant lost or gained, conditions aside.
        var before = PolicyComparison.GrantsOf(plain.Plan, SpotPartition.Aws);
        var after = PolicyComparison.GrantsOf(shaped.Plan, SpotPartition.Aws).Select(g => g with { Conditions = [] }).ToArray();
        Assert.All(before, g => Assert.Contains(after, a => a.Covers(g)));
        Assert.All(after, g => Assert.Contains(before, b => b.Covers(g)));

        foreach (var statement in shaped.Plan.Statements)
        {
            Assert.Matches("^[A-Za-z0-9]+$", statement.Sid);
            var region = statement.Conditions.SingleOrDefault(c => c.Key == "aws:RequestedRegion");
            var tag = statement.Conditions.SingleOrDefault(c => c.Key == data.SpotTagged.ConditionKey);
            foreach (var action in statement.Actions)
            {
                var isGlobal = data.GlobalActions.Actions.Any(g => IamPatternCovers(g, action));
                Assert.True(isGlobal == (region is null), $"{statement.Sid}: {action} is {(isGlobal ? "global" : "regional")} but the statement is {(region is null ? "not " : string.Empty)}region-restricted");
                Assert.True(data.SpotTagged.Actions.Contains(action) == (tag is not null), $"{statement.Sid}: {action}");
            }

            Assert.True(region is null || region.Values.SequenceEqual(["eu-west-1"]));
            Assert.True(tag is null || tag.Values.SequenceEqual(["spotinst"]));
            var origin = plain.Plan.Statements.Select(s => s.Sid).Where(statement.Sid.StartsWith).OrderByDescending(s => s.Length).First();
            Assert.Contains(statement.Sid[origin.Length..], new[] { string.Empty, "Regional", "SpotTagged" });
        }

        Assert.Equal(plain.Plan.Statements.Select(s => s.Sid).Order(), shaped.Plan.Statements.Select(s => s.Sid).Where(plain.Plan.Statements.Select(s => s.Sid).Contains).Order());
    }

    [Fact]
    public void Destructive_actions_are_split_off_with_Spots_tag_and_creating_stays_unconditional()
    {
        var shaped = Resolve(new() { Bundles = BundleSelection.Parse("elastigroup"), RestrictToSpotResources = true });
        var tagged = Assert.Single(shaped.Plan.Statements, s => s.Sid == "OceanAndElastigroupBasicActionsSpotTagged");
        Assert.Equal(["ec2:AttachVolume", "ec2:DeleteSnapshot", "ec2:DeleteTags", "ec2:DeleteVolume", "ec2:DeregisterImage", "ec2:RebootInstances", "ec2:StartInstances", "ec2:StopInstances", "ec2:TerminateInstances"], tagged.Actions.Order(StringComparer.Ordinal));
        Assert.Equal("""{"StringEquals":{"ec2:ResourceTag/spotinst:aws:ec2:group:createdBy":"spotinst"}}""", tagged.ConditionJson().ToJsonString());
        var rest = Assert.Single(shaped.Plan.Statements, s => s.Sid == "OceanAndElastigroupBasicActions");
        Assert.Contains("ec2:RunInstances", rest.Actions);
        Assert.Contains("ec2:CreateVolume", rest.Actions);
        Assert.Empty(rest.Conditions);
    }

    [Fact]
    public void A_catalog_wildcard_that_would_hide_a_destructive_action_is_refused_rather_than_left_unrestricted()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "src", "SpotConnect.Core", "Catalog", "catalog.json")))!;
        var statement = json["statements"]!.AsArray().Single(s => s!["sid"]!.GetValue<string>() == "SpotStorage")!;
        statement["actions"]!.AsArray().Add("ec2:Terminate*");
        var catalog = BundleCatalog.FromJson(json.ToJsonString());
        var builder = new PolicyBuilder(catalog);
        var selection = BundleSelection.Parse("storage", catalog: catalog);

        Assert.NotEmpty(builder.Build(selection).Policies); // unrestricted, the wildcard is Spot's business
        var e = Assert.Throws<InvalidOperationException>(() => builder.Build(selection, new PolicyPlanOptions { Restrictions = new PolicyRestrictions { RestrictToSpotResources = true } }));
        Assert.Contains("ec2:Terminate* grants ec2:TerminateInstances", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wildcards_that_reach_global_actions_grant_those_by_name_outside_the_condition()
    {
        var shaped = Resolve(new() { Bundles = BundleSelection.Parse("general"), Regions = ["eu-west-1", "eu-central-1"] });
        var global = Assert.Single(shaped.Plan.Statements, s => s.Sid == "OverviewDashboard");
        var regional = Assert.Single(shaped.Plan.Statements, s => s.Sid == "OverviewDashboardRegional");
        Assert.Contains("s3:ListAllMyBuckets", global.Actions); // named, though s3:List* is regional
        Assert.Contains("s3:GetBucketLocation", global.Actions);
        Assert.Contains("savingsplans:Describe*", global.Actions);
        Assert.Contains("iam:ListAccountAliases", global.Actions);
        Assert.Contains("s3:List*", regional.Actions);
        Assert.Contains("ec2:Describe*", regional.Actions);
        Assert.Equal("""{"StringEquals":{"aws:RequestedRegion":["eu-west-1","eu-central-1"]}}""", regional.ConditionJson().ToJsonString());
    }

    [Fact]
    public void Extra_grants_name_exactly_the_given_resources_partition_aware()
    {
        var spec = Resolve(new() { Bundles = BundleSelection.Parse("ocean"), KmsKeyArns = [Key], LogBucket = "my-logs" });
        var kms = spec.Plan.Statements.Where(s => s.Sid.StartsWith("Allow", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["AllowUseOfTheKey", "AllowAttachmentOfPersistentResources"], kms.Select(s => s.Sid));
        Assert.All(kms, s => Assert.Equal(["arn:${AWS::Partition}:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"], s.Resources));
        var log = Assert.Single(spec.Plan.Statements, s => s.Sid == "OceanLogExportToS3");
        Assert.Equal(["s3:PutObject"], log.Actions);
        Assert.Equal(["arn:${AWS::Partition}:s3:::my-logs/*"], log.Resources);
        Assert.DoesNotContain(spec.Plan.Statements, s => s.Resources.Any(r => r.StartsWith("arn:aws:", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_packer_counts_conditions_every_policy_stays_within_IAMs_limit()
    {
        var keys = Enumerable.Range(0, 30).Select(i => $"arn:aws:kms:eu-west-1:123456789012:key/{Guid.NewGuid()}").ToArray();
        var spec = Resolve(new()
        {
            Bundles = BundleSelection.Parse("default,security-audit"),
            Regions = AllAwsRegions,
            RestrictToSpotResources = true,
            KmsKeyArns = keys,
            LogBucket = "my-logs",
            MaxManagedPolicies = 20,
        });
        var plain = Resolve(new() { Bundles = BundleSelection.Parse("default,security-audit") });
        Assert.True(spec.Plan.Policies.Count > plain.Plan.Policies.Count, "conditions on every regional statement must take more room");
        Assert.All(spec.Plan.Policies, p => Assert.InRange(PolicyJson.CountCharacters(p.Document(SpotPartition.Longest)), 1, PolicyPlanOptions.IamManagedPolicySizeLimit));
    }

    [Fact]
    public void A_deploy_time_key_ARN_is_counted_at_its_allowance_not_at_its_placeholders_length()
    {
        static bool IsToken(string value) => value.StartsWith("${Token[", StringComparison.Ordinal);
        string[] Tokens(int n) => Enumerable.Range(0, n).Select(i => $"${{Token[TOKEN.{i}]}}").ToArray();

        // Thirty placeholders are short text, but each stands for an ARN of up to 256 characters: the key statements
        // must then be cut into more parts than the placeholders' own length would need.
        var builder = PolicyBuilder.Spot;
        var restrictions = new PolicyRestrictions { KmsKeyArns = Tokens(30) };
        int Parts(Func<string, bool>? isDeployTime) => builder.Build(BundleSelection.Parse("general"), new PolicyPlanOptions { Restrictions = restrictions, IsDeployTime = isDeployTime, MaxManagedPolicies = 20 })
            .Statements.Count(s => s.Sid.StartsWith("AllowUseOfTheKey", StringComparison.Ordinal));
        Assert.Equal(1, Parts(null));
        Assert.True(Parts(IsToken) >= 2 * 30 * PolicyPlanOptions.DeployTimeResourceAllowance / PolicyPlanOptions.IamManagedPolicySizeLimit, Parts(IsToken).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Tokens(5), SpotLinkSpec.Resolve(new SpotLinkOptions() { KmsKeyArns = Tokens(5) }, IsToken).Plan.Statements.Single(s => s.Sid == "AllowUseOfTheKey").Resources);
    }

    [Fact]
    public void Too_many_policies_for_the_quota_names_the_quota()
    {
        var problems = new List<ValidationProblem>();
        Assert.Null(SpotLinkSpec.TryResolve(new SpotLinkOptions() { Regions = AllAwsRegions, RestrictToSpotResources = true, MaxManagedPolicies = 1 }, problems));
        Assert.Equal("spot:maxManagedPolicies", Assert.Single(problems).Field);
    }

    [Fact]
    public void The_IAM_simulator_allows_and_denies_what_the_settings_say()
    {
        var spec = Resolve(new() { Regions = ["eu-west-1"], RestrictToSpotResources = true, KmsKeyArns = [Key], LogBucket = "my-logs" });
        var policies = spec.Plan.Policies.Select(p => (JsonNode)p.Document(SpotPartition.Aws)).ToArray();
        const string instance = "arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0";
        const string volume = "arn:aws:ec2:eu-west-1:123456789012:volume/vol-0123456789abcdef0";
        var tag = LeastPrivilegeData.Spot.SpotTagged.ConditionKey;
        var keyPolicy = JsonNode.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}]}""");
        (string Action, string Resource, Dictionary<string, string> Context, string Expect, bool KeyPolicy)[] checks =
        [
            ("ec2:RunInstances", "*", new() { ["aws:RequestedRegion"] = "eu-west-1" }, "Allowed", false),
            ("ec2:RunInstances", "*", new() { ["aws:RequestedRegion"] = "us-east-1" }, "ImplicitlyDenied", false),
            ("ec2:DescribeInstances", "*", new() { ["aws:RequestedRegion"] = "ap-south-1" }, "ImplicitlyDenied", false),
            ("ec2:DescribeRegions", "*", new() { ["aws:RequestedRegion"] = "us-east-1" }, "Allowed", false),
            ("iam:PassRole", "arn:aws:iam::123456789012:role/ecsInstanceRole", new() { ["aws:RequestedRegion"] = "us-east-1" }, "Allowed", false),
            ("iam:ListRoles", "*", new() { ["aws:RequestedRegion"] = "ap-south-1" }, "Allowed", false),
            ("s3:ListAllMyBuckets", "*", new() { ["aws:RequestedRegion"] = "us-east-1" }, "Allowed", false),
            ("savingsplans:DescribeSavingsPlans", "*", new() { ["aws:RequestedRegion"] = "us-east-1" }, "Allowed", false),
            ("ec2:TerminateInstances", instance, new() { ["aws:RequestedRegion"] = "eu-west-1", [tag] = "spotinst" }, "Allowed", false),
            ("ec2:TerminateInstances", instance, new() { ["aws:RequestedRegion"] = "eu-west-1" }, "ImplicitlyDenied", false),
            ("ec2:TerminateInstances", instance, new() { ["aws:RequestedRegion"] = "eu-west-1", [tag] = "someone-else" }, "ImplicitlyDenied", false),
            ("ec2:TerminateInstances", instance, new() { ["aws:RequestedRegion"] = "us-east-1", [tag] = "spotinst" }, "ImplicitlyDenied", false),
            ("ec2:DeleteVolume", volume, new() { ["aws:RequestedRegion"] = "eu-west-1" }, "ImplicitlyDenied", false),
            ("ec2:CreateVolume", volume, new() { ["aws:RequestedRegion"] = "eu-west-1" }, "Allowed", false),
            ("kms:Decrypt", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", new() { ["aws:RequestedRegion"] = "eu-west-1" }, "Allowed", true),
            ("kms:CreateGrant", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", new() { ["aws:RequestedRegion"] = "eu-west-1" }, "Allowed", true),
            ("kms:Decrypt", "arn:aws:kms:eu-west-1:123456789012:key/ffffffff-12ab-34cd-56ef-1234567890ab", new() { ["aws:RequestedRegion"] = "eu-west-1" }, "ImplicitlyDenied", true),
            ("s3:PutObject", "arn:aws:s3:::my-logs/act-1_o-1.log", new() { ["aws:RequestedRegion"] = "eu-west-1" }, "Allowed", false),
            ("s3:PutObject", "arn:aws:s3:::someone-elses-bucket/x.log", new() { ["aws:RequestedRegion"] = "eu-west-1" }, "ImplicitlyDenied", false),
        ];
        var boundary = JsonNode.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}""");
        var input = new JsonObject
        {
            ["accountId"] = "123456789012",
            ["roleArn"] = "arn:aws:iam::123456789012:role/Spot-Role",
            ["requests"] = new JsonArray(
                new JsonObject
                {
                    ["name"] = "restricted",
                    ["policies"] = new JsonArray(policies.Select(p => p.DeepClone()).ToArray()),
                    ["checks"] = new JsonArray(checks.Select(c => (JsonNode)new JsonObject
                    {
                        ["action"] = c.Action,
                        ["resource"] = c.Resource,
                        ["context"] = JsonSerializer.SerializeToNode(c.Context),
                        ["resourcePolicy"] = c.KeyPolicy ? keyPolicy!.DeepClone() : null,
                    }).ToArray()),
                },
                new JsonObject
                {
                    ["name"] = "under a boundary",
                    ["policies"] = new JsonArray(policies.Select(p => p.DeepClone()).ToArray()),
                    ["boundary"] = boundary,
                    ["checks"] = new JsonArray(
                        new JsonObject { ["action"] = "ec2:DescribeInstances", ["resource"] = "*", ["context"] = new JsonObject { ["aws:RequestedRegion"] = "eu-west-1" } },
                        new JsonObject { ["action"] = "ec2:RunInstances", ["resource"] = "*", ["context"] = new JsonObject { ["aws:RequestedRegion"] = "eu-west-1" } }),
                }),
        };

        var report = IamCheck.Run(input)["requests"]!.AsArray();
        var results = report[0]!["results"]!.AsArray().Select(r => r!.GetValue<string>()).ToArray();
        Assert.Equal(checks.Select(c => $"{c.Action} {c.Resource} {string.Join(",", c.Context.Values)}: {c.Expect}"), checks.Select((c, i) => $"{c.Action} {c.Resource} {string.Join(",", c.Context.Values)}: {results[i]}"));
        Assert.Equal(["Allowed", "ImplicitlyDenied"], report[1]!["results"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public void Comparing_with_Spots_restricted_policy_compares_the_conditions()
    {
        var file = Repo.Output("Reference", "spot-restricted-full-permissions.json");

        var restricted = CliRunner.Run("policy", "--bundles", "elastigroup", "--restrict-to-spot-resources", "--compare", file, "--json");
        Assert.Equal(0, restricted.ExitCode);
        var json = JsonNode.Parse(restricted.StdOut)!;
        Assert.Empty(json["notCompared"]!.AsArray());
        string[] Actions(string side) => json[side]!.AsArray().Select(c => c!["action"]!.GetValue<string>()).ToArray();
        Assert.DoesNotContain("ec2:TerminateInstances", Actions("added"));
        Assert.DoesNotContain("ec2:TerminateInstances", Actions("removed"));
        Assert.Contains("ec2:CopyImage", Actions("removed")); // Spot's restricted policy has them, the bundle does not
        Assert.Contains("ecs:CreateService", Actions("removed"));
        Assert.Contains("ec2:DetachVolume", Actions("added"));

        var unrestricted = CliRunner.Run("policy", "--bundles", "elastigroup", "--compare", file);
        Assert.Equal(0, unrestricted.ExitCode);
        Assert.Contains("+ ec2:TerminateInstances  (narrowed: the existing policy still grants 1 it covers, e.g. ec2:TerminateInstances when ec2:ResourceTag/spotinst:aws:ec2:group:createdBy = spotinst)", unrestricted.StdOut, StringComparison.Ordinal);
        Assert.Contains("0 not compared", unrestricted.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_takes_the_least_privilege_options_and_reports_every_bad_one_at_once()
    {
        var result = CliRunner.Run("policy", "--regions", "eu-west-1,moon", "--kms-key-arns", "alias/x", "--log-bucket", "B", "--restrict-to-spot-resources", "maybe", "--partition", "aws-cn");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.StdOut);
        Assert.Contains("4 invalid inputs", result.StdErr, StringComparison.Ordinal);
        // A flag takes only true or false after it; anything else is not its value (the parser says which token).
        foreach (var option in new[] { "--regions: 'eu-west-1,moon'", "--kms-key-arns: 'alias/x'", "--log-bucket: 'B'", "Unrecognized command or argument 'maybe'" })
        {
            Assert.Contains(option, result.StdErr, StringComparison.Ordinal);
        }

        var partition = CliRunner.Run("policy", "--partition", "aws-us-gov", "--regions", "eu-west-1");
        Assert.Equal(2, partition.ExitCode);
        Assert.Contains("--regions: 'eu-west-1' is invalid: 'eu-west-1' is not a region of partition 'aws-us-gov' (AWS GovCloud (US)). Valid choices: us-gov-east-1, us-gov-west-1.", partition.StdErr, StringComparison.Ordinal);
    }

    private static bool IamPatternCovers(string general, string specific) =>
        System.Text.RegularExpressions.Regex.IsMatch(specific, "^" + System.Text.RegularExpressions.Regex.Escape(general).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
}
