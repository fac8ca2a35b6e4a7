using SpotConnect.Settings;
using SpotConnect.Tests.Support;
using SpotConnect.Validation;

namespace SpotConnect.Tests;

/// <summary>Every context key of the contract, checked with many bad values: one message each, naming key, value, rule and choices.</summary>
public sealed class ValidationTests
{
    /// <summary>The problems Core finds in a link's settings given as context (the app's own composition: AppTests).</summary>
    private static SpotConnectValidationException Fails(Dictionary<string, object> context, Dictionary<string, string>? env = null) =>
        Assert.Throws<SpotConnectValidationException>(() => ContextRules.Link(context, env));

    public static TheoryData<string, string, string, string> BadValues => new()
    {
        // key, value, expected fragment of the value as quoted, expected fragment of the rule or choices
        { "spot:externalId", "x", "'x'", "2–1,224 characters" },
        { "spot:externalId", "has space", "'has space'", "whitespace" },
        { "spot:externalId", "quote\"d", "'quote\"d'", "'\"'" },
        { "spot:externalId", new string('a', 1225), "'aaaa", "1225 characters" },
        { "spot:externalId", "ünïcode", "'ünïcode'", "'ü'" },
        { "spot:bundles", "ocean,ekss", "'ekss'", "Valid choices: default, general" },
        { "spot:bundles", "Ocean", "'Ocean'", "Ids are lower-case" },
        { "spot:bundles", " , ", "' , '", "at least one bundle id" },
        { "spot:roleName", "Spot Role", "'Spot Role'", "1–64 characters" },
        { "spot:roleName", "bad name!", "'bad name!'", "(got 9 characters, with whitespace and '!', which are not allowed)" },
        { "spot:roleName", "bad!", "'bad!'", "(got 4 characters, with '!', which is not allowed)" },
        { "spot:roleName", new string('r', 65), "'rrrr", "65 characters" },
        { "spot:roleName", "Spot/Role", "'Spot/Role'", "'/'" },
        { "spot:rolePath", "vendor/", "'vendor/'", "starts and ends with '/'" },
        { "spot:rolePath", "/vendor", "'/vendor'", "starts and ends with '/'" },
        { "spot:rolePath", "//", "'//'", "an IAM path is '/' or starts and ends with '/'" },
        { "spot:rolePath", "/a b/", "'/a b/'", "whitespace" },
        { "spot:rolePath", "/vendor/é/", "'/vendor/é/'", "'é'" },
        { "spot:rolePath", "/" + new string('p', 511) + "/", "'/ppp", "513 characters" },
        { "spot:policyName", new string('p', 126), "'pppp", "The limit is 128 less 3 for the '-10' suffix" },
        { "spot:policyName", "Spot:Policy", "'Spot:Policy'", "':'" },
        { "spot:stackName", "1Stack", "'1Stack'", "starts with a letter" },
        { "spot:stackName", "Spot_Stack", "'Spot_Stack'", "letters, digits and hyphens" },
        { "spot:partition", "aws-eu", "'aws-eu'", "Valid choices: aws, aws-us-gov, aws-cn" },
        { "spot:partition", "AWS", "'AWS'", "Valid choices: aws, aws-us-gov, aws-cn" },
        { "spot:principalAccountId", "92276141134", "'92276141134'", "exactly 12 digits" },
        { "spot:principalAccountId", "arn:aws:iam::922761411349:root", "'arn:aws:iam::922761411349:root'", "exactly 12 digits" },
        { "spot:maxManagedPolicies", "0", "'0'", "1 to 20" },
        { "spot:maxManagedPolicies", "21", "'21'", "1 to 20" },
        { "spot:maxManagedPolicies", "ten", "'ten'", "whole number" },
        { "spot:maxManagedPolicies", "2.5", "'2.5'", "whole number" },
        { "spot:bootstrapped", "yes", "'yes'", "Valid choices: true, false" },
        { "spot:bootstrapped", "1", "'1'", "Valid choices: true, false" },
        { "spot:retainOnDelete", "maybe", "'maybe'", "Valid choices: true, false" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_bad_value_is_one_message_naming_the_key_the_value_and_the_rule(string key, string value, string quoted, string rule)
    {
        var e = Fails(new() { [key] = value });
        var problem = Assert.Single(e.Problems);
        Assert.Equal(key, problem.Field);
        Assert.StartsWith($"{key}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(quoted, e.Message, StringComparison.Ordinal);
        Assert.Contains(rule, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SPOT_EXTERNAL_ID", "spot:externalId", "!")]
    [InlineData("SPOT_BUNDLES", "spot:bundles", "nope")]
    [InlineData("SPOT_ROLE_NAME", "spot:roleName", "a b")]
    [InlineData("SPOT_POLICY_NAME", "spot:policyName", "a b")]
    [InlineData("SPOT_STACK_NAME", "spot:stackName", "a b")]
    [InlineData("SPOT_PARTITION", "spot:partition", "moon")]
    [InlineData("SPOT_PRINCIPAL_ACCOUNT_ID", "spot:principalAccountId", "123")]
    public void Environment_fallbacks_are_checked_under_their_context_key(string variable, string key, string value)
    {
        var e = Fails([], new() { [variable] = value });
        Assert.Equal(key, Assert.Single(e.Problems).Field);
    }

    [Fact]
    public void All_problems_come_at_once()
    {
        var e = Fails(new()
        {
            ["spot:externalId"] = "x",
            ["spot:roleName"] = "a b",
            ["spot:policyName"] = "c d",
            ["spot:partition"] = "moon",
            ["spot:principalAccountId"] = "1",
            ["spot:maxManagedPolicies"] = "50",
            ["spot:bootstrapped"] = "no way",
        });
        Assert.Equal(
            ["spot:externalId", "spot:roleName", "spot:policyName", "spot:partition", "spot:principalAccountId", "spot:maxManagedPolicies", "spot:bootstrapped"],
            e.Problems.Select(p => p.Field));
        Assert.StartsWith("7 invalid inputs:", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aws-us-gov")]
    [InlineData("aws-cn")]
    public void GovCloud_and_China_need_the_Spot_account_and_allow_only_default(string partition)
    {
        var missing = Fails(new() { ["spot:partition"] = partition });
        var problem = Assert.Single(missing.Problems);
        Assert.Equal("spot:principalAccountId", problem.Field);
        Assert.Contains("Spot does not publish its AWS account there", problem.Rule, StringComparison.Ordinal);

        var custom = Fails(new() { ["spot:partition"] = partition, ["spot:principalAccountId"] = "123456789012", ["spot:bundles"] = "ocean" });
        var selection = Assert.Single(custom.Problems);
        Assert.Equal("spot:bundles", selection.Field);
        Assert.Equal(["default"], selection.ValidChoices);

        var audit = Fails(new() { ["spot:partition"] = partition, ["spot:principalAccountId"] = "123456789012", ["spot:bundles"] = "default,security-audit" });
        Assert.Equal("spot:bundles", Assert.Single(audit.Problems).Field);

        var ok = ContextRules.Link(new Dictionary<string, object> { ["spot:partition"] = partition, ["spot:principalAccountId"] = "123456789012", ["spot:bundles"] = "default" });
        Assert.Equal(partition, ok.Partition.Name);
    }

    [Theory]
    [InlineData("spot:policyName", "Spot-Policy", "spot:maxManagedPolicies", "20")]
    [InlineData("spot:roleName", "a", "spot:externalId", "ab")]
    public void Values_at_the_limits_are_accepted(string key1, string value1, string key2, string value2)
    {
        var link = ContextRules.Link(new Dictionary<string, object> { [key1] = value1, [key2] = value2 });
        Assert.NotNull(link.Plan);
        Assert.Null(InputRules.PolicyName("p", new string('p', 125), 10));
        Assert.Null(InputRules.RoleName("r", new string('r', 64)));
        Assert.Null(InputRules.ExternalId("e", new string('e', 1224)));
        Assert.Null(InputRules.ExternalId("e", "spotinst:aws:extid:AbCdEf0123456789"));
    }
}
