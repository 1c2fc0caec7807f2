using System.Diagnostics;
using System.Security.Cryptography;
using Kiln.Blobs.Tests.Support;

namespace Kiln.Blobs.Tests;

/// <summary>A full disk and dead writers: nothing half-made stays, nothing live is swept.</summary>
public sealed partial class FileBlobStoreTests
{
    [Fact]
    public async Task A_full_disk_fails_the_put_with_IOException_and_keeps_the_previous_blob()
    {
        using var small = new TmpfsMount(Scratch.Combine("small"), "8m");
        var store = Open(small.Path);
        var previous = GeneratedStream.Bytes(MiB, seed: 6);
        var old = await store.PutAsync("images/42/disk.qcow2", new MemoryStream(previous), default);

        await Assert.ThrowsAnyAsync<IOException>(() => store.PutAsync("images/42/disk.qcow2", new GeneratedStream(16 * MiB, seed: 7), default));

        Assert.Equal(old, await store.GetInfoAsync("images/42/disk.qcow2", default));
        Assert.Equal(previous, await ReadBlobAsync(store, "images/42/disk.qcow2"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(small.Path, ".tmp")));
        var next = await store.PutAsync("images/42/disk.qcow2", new GeneratedStream(4 * MiB, seed: 8), default);
        Assert.Equal(GeneratedStream.Sha256(4 * MiB, seed: 8), next.Sha256);
    }

    [Fact]
    public async Task A_full_disk_fails_a_copying_PutFile_and_keeps_the_source()
    {
        using var small = new TmpfsMount(Scratch.Combine("small"), "4m");
        var store = Open(small.Path);
        var content = GeneratedStream.Bytes(8 * MiB, seed: 9);
        var file = Scratch.WriteFile("out/disk.qcow2", content);

        await Assert.ThrowsAnyAsync<IOException>(() => store.PutFileAsync("images/42/disk.qcow2", file, null, default));

        Assert.Equal(content, await File.ReadAllBytesAsync(file));
        Assert.Null(await store.GetInfoAsync("images/42/disk.qcow2", default));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(small.Path, ".tmp")));
    }

    [Fact]
    public void Sweeping_deletes_a_dead_writers_temp_file_and_not_a_live_ones()
    {
        var store = Open(_root.Path);
        var dead = _root.Combine(".tmp", "dead.part");
        File.WriteAllText(dead, "left by a killed process");
        var live = _root.Combine(".tmp", "live.part");
        // A writer holds a shared flock while it writes, as TemporaryFile does.
        var writer = new FileStream(live, FileMode.CreateNew, FileAccess.Write, FileShare.Read);

        Assert.Equal(1, store.SweepTemporaryFiles());
        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(live));

        writer.Dispose(); // what the kernel does when the writer dies
        Assert.Equal(1, store.SweepTemporaryFiles());
        Assert.False(File.Exists(live));
    }

    [Fact]
    public async Task Opening_the_store_sweeps_the_temp_file_of_a_killed_process_but_not_of_a_running_one()
    {
        Open(_root.Path);
        var temp = _root.Combine(".tmp", "writer.part");
        await File.WriteAllTextAsync(temp, "half an image");
        var start = new ProcessStartInfo("flock") { ArgumentList = { "--shared", temp, "sleep", "60" } };
        using var writer = Process.Start(start)!;
        try
        {
            await WaitForLockAsync(temp, held: true);

            Open(_root.Path);
            Assert.True(File.Exists(temp));
        }
        finally
        {
            writer.Kill(entireProcessTree: true);
            await writer.WaitForExitAsync();
        }
        await WaitForLockAsync(temp, held: false); // the kernel drops the lock once the whole tree is dead

        Open(_root.Path);
        Assert.False(File.Exists(temp));
    }

    [Fact]
    public async Task A_put_under_way_survives_a_sweep_and_a_second_store_opening()
    {
        var store = Open(_root.Path);
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = new GeneratedStream(4 * MiB, seed: 10, async position =>
        {
            if (position < 2 * MiB)
                return;
            reached.TrySetResult();
            await release.Task;
        });
        var put = store.PutAsync("images/42/disk.qcow2", source, default);
        await reached.Task;

        Assert.Equal(0, store.SweepTemporaryFiles());
        Open(_root.Path);
        Assert.Single(Directory.EnumerateFiles(_root.Combine(".tmp")));
        release.SetResult();

        Assert.Equal(GeneratedStream.Sha256(4 * MiB, seed: 10), (await put).Sha256);
        Assert.Equal(GeneratedStream.Sha256(4 * MiB, seed: 10), Convert.ToHexStringLower(SHA256.HashData(await ReadBlobAsync(store, "images/42/disk.qcow2"))));
        AssertNoLeftovers();
    }

    private static async Task WaitForLockAsync(string path, bool held)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None))
                {
                }
                if (!held)
                    return;
            }
            catch (IOException) when (held)
            {
                return;
            }
            catch (IOException)
            {
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"{path} did not become {(held ? "locked" : "unlocked")}");
    }
}
