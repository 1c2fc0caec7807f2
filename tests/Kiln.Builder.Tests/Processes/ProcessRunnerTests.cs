using System.Diagnostics;
using System.Globalization;
using Kiln.Builder.Processes;
using Kiln.Builder.Tests.Support;

namespace Kiln.Builder.Tests;

public sealed class ProcessRunnerTests
{
    private readonly ProcessRunner _runner = new();

    [Fact]
    public async Task A_successful_tool_returns_its_exit_code_and_output()
    {
        var result = await _runner.RunAsync(new ToolInvocation("sh", ["-c", "echo out; echo err >&2"]), CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("out\n", result.StandardOutput);
        Assert.Equal("err\n", result.StandardErrorTail);
    }

    [Fact]
    public async Task Arguments_are_passed_as_a_list_without_a_shell()
    {
        var result = await _runner.RunAsync(new ToolInvocation("printf", ["%s|", "a b", "$HOME", "'q'", ""]), CancellationToken.None);

        Assert.Equal("a b|$HOME|'q'||", result.StandardOutput.TrimEnd('\n'));
    }

    [Fact]
    public async Task A_non_zero_exit_throws_with_the_tool_its_exit_code_and_the_end_of_stderr()
    {
        var invocation = new ToolInvocation("/bin/sh", ["-c", "echo starting; echo 'disk full' >&2; exit 3"]);

        var error = await Assert.ThrowsAsync<ToolFailedException>(() => _runner.RunAsync(invocation, CancellationToken.None));

        Assert.Equal(("sh", 3), (error.Tool, error.ExitCode));
        Assert.Equal("disk full\n", error.StandardErrorTail);
        Assert.Equal("sh exited with code 3:\ndisk full", error.Message);
    }

    [Fact]
    public async Task A_failure_without_stderr_gives_just_the_exit_code()
    {
        var error = await Assert.ThrowsAsync<ToolFailedException>(() => _runner.RunAsync(new ToolInvocation("false", []), CancellationToken.None));

        Assert.Equal("false exited with code 1", error.Message);
    }

    [Fact]
    public async Task Only_the_last_25_lines_of_stderr_are_kept()
    {
        var invocation = new ToolInvocation("sh", ["-c", "printf 'line %s\\n' $(seq 1 40) >&2; exit 2"]);

        var error = await Assert.ThrowsAsync<ToolFailedException>(() => _runner.RunAsync(invocation, CancellationToken.None));

        var expected = string.Concat(Enumerable.Range(16, 25).Select(i => $"line {i}\n"));
        Assert.Equal(expected, error.StandardErrorTail);
    }

    [Fact]
    public async Task A_missing_program_says_it_cannot_start_and_how_to_install_it()
    {
        var error = await Assert.ThrowsAsync<ToolFailedException>(() =>
            _runner.RunAsync(new ToolInvocation("kiln-no-such-tool", ["x"]), CancellationToken.None));

        Assert.Equal("kiln-no-such-tool", error.Tool);
        Assert.StartsWith("kiln-no-such-tool: cannot start (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("is it installed? Run scripts/setup.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Standard_input_is_passed_to_the_tool_and_closed()
    {
        var invocation = new ToolInvocation("sh", ["-c", "tr a-z A-Z; echo end"]) { StandardInput = "label: dos\nunit: sectors\n" };

        var result = await _runner.RunAsync(invocation, CancellationToken.None);

        Assert.Equal("LABEL: DOS\nUNIT: SECTORS\nend\n", result.StandardOutput);
    }

    [Fact]
    public async Task A_tool_that_exits_without_reading_a_large_input_fails_with_its_exit_code_not_a_broken_pipe()
    {
        var input = new string('x', 1024 * 1024); // far more than a pipe buffer: the write is still going when the tool exits
        for (var i = 0; i < 20; i++)
        {
            var fails = await Assert.ThrowsAsync<ToolFailedException>(() =>
                _runner.RunAsync(new ToolInvocation("false", []) { StandardInput = input }, CancellationToken.None));
            var exits = await Assert.ThrowsAsync<ToolFailedException>(() =>
                _runner.RunAsync(new ToolInvocation("sh", ["-c", "echo 'no such partition' >&2; exit 3"]) { StandardInput = input },
                    CancellationToken.None));

            Assert.Equal(("false", 1), (fails.Tool, fails.ExitCode));
            Assert.Equal(("sh", 3, "no such partition\n"), (exits.Tool, exits.ExitCode, exits.StandardErrorTail));
        }
    }

    [Fact]
    public async Task A_tool_that_succeeds_without_reading_its_input_succeeds()
    {
        var input = new string('x', 1024 * 1024);
        for (var i = 0; i < 5; i++)
        {
            var result = await _runner.RunAsync(new ToolInvocation("sh", ["-c", "echo done"]) { StandardInput = input }, CancellationToken.None);

            Assert.Equal((0, "done\n"), (result.ExitCode, result.StandardOutput));
        }
    }

    [Fact]
    public async Task Accepted_exit_codes_are_not_failures()
    {
        var invocation = new ToolInvocation("sh", ["-c", "exit 63"]) { AcceptedExitCodes = [0, 63] };

        var result = await _runner.RunAsync(invocation, CancellationToken.None);

        Assert.Equal(63, result.ExitCode);
    }

    [Fact]
    public async Task Accepted_exit_codes_replace_the_default_so_zero_can_be_a_failure()
    {
        var invocation = new ToolInvocation("true", []) { AcceptedExitCodes = [63] };

        var error = await Assert.ThrowsAsync<ToolFailedException>(() => _runner.RunAsync(invocation, CancellationToken.None));

        Assert.Equal(0, error.ExitCode);
    }

    [Fact]
    public async Task Environment_and_output_lines_reach_the_tool_and_the_caller()
    {
        var lines = new List<string>();
        var invocation = new ToolInvocation("sh", ["-c", "echo \"$KILN_TEST $LC_ALL\"; echo warn >&2"])
        {
            Environment = new Dictionary<string, string> { ["KILN_TEST"] = "yes" },
            OnOutputLine = line => { lock (lines) lines.Add(line); },
        };

        var result = await _runner.RunAsync(invocation, CancellationToken.None);

        Assert.Equal("yes C.UTF-8\n", result.StandardOutput);
        Assert.Equal(["warn", "yes C.UTF-8"], lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_already_cancelled_token_starts_nothing()
    {
        using var temp = new TempDirectory();
        var marker = temp.Combine("ran");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _runner.RunAsync(new ToolInvocation("touch", [marker]), new CancellationToken(canceled: true)));

        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Cancelling_kills_the_whole_process_tree_quickly()
    {
        // A fractional sleep length no other process uses marks this test's sleeps in /proc/*/cmdline.
        var seconds = "30." + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var invocation = new ToolInvocation("sh", ["-c", $"sleep {seconds} & sleep {seconds}; wait"]);
        using var cancel = new CancellationTokenSource();

        var run = _runner.RunAsync(invocation, cancel.Token);
        await WaitUntilAsync(() => SleepsWith(seconds) == 2, TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        await WaitUntilAsync(() => SleepsWith(seconds) == 0, TimeSpan.FromSeconds(2));
    }

    private static int SleepsWith(string seconds)
    {
        var count = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")) == $"sleep\0{seconds}\0")
                    count++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while being read.
            }
        }
        return count;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < timeout, $"condition not met within {timeout}");
            await Task.Delay(20);
        }
    }
}
