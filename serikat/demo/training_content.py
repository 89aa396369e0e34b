# ruff: noqa: E501 - prose: a sentence of the books is kept on one line so that it reads and diffs whole
"""Demo content of the training app: three packages on workers' basic rights, in Bahasa Indonesia,
and the two production-group meetings that shaped them.

Written for this project as plain data; `serikat.demo.training` loads it through the services, the
way an author would type it. Rich text uses only the subset the editor keeps (paragraphs, h3, lists,
strong/em, tables with thead and tbody, no line breaks between tags) so that `clean_html` returns it
unchanged. A session names the objectives it covers by their index in the package's list (from 0).

The legal facts are the ones in the team's research note on Indonesia (UU 21/2000, UU 2/2004,
UU 13/2003, UU 1/1970, PP 50/2012, the P2K3 rules, BPJS Ketenagakerjaan) and common knowledge of the
main laws (UUD 1945, ILO conventions, UU 12/2022 TPKS, UU 8/2016); a trainer still checks the
current text before a training, and the implementation guides say so.

The K3 package is left as a real draft would be at its alignment stage: its sessions add up to more
than the day it promises, one session has no assessment yet and one uses a glossary variant; the
demo shows those as the alignment list to fix. The other two packages align.
"""

from __future__ import annotations

# --- 1. Kebebasan Berserikat ---------------------------------------------------------------------

FOA = {
    "code": "KB-01",
    "title": "Kebebasan Berserikat: Hak Dasar Pekerja di Tempat Kerja",
    "theme": "foa",
    "audience": (
        "Anggota dan pengurus PUK, calon pengurus, serta pekerja kontrak dan alih daya yang baru bergabung; "
        "dibawakan oleh pelatih alumni TTM di tingkat PUK atau PC."
    ),
    "stated_minutes": 1200,  # checked against the sessions below
    "summary": (
        "<p>Paket ini membekali anggota dan pengurus di tingkat pabrik untuk memahami, memakai dan membela hak "
        "berserikat. Peserta belajar dari pengalaman mereka sendiri: mengapa pekerja berorganisasi, apa yang "
        "dijamin undang-undang, bagaimana mengenali dan melawan pemberangusan serikat, bagaimana serikat "
        "berunding, dan bagaimana menjangkau pekerja kontrak dan alih daya yang paling sering takut bergabung.</p>"
        "<p>Pelatihan berlangsung tiga hari (20 jam efektif) dalam empat modul. Setiap sesi memakai "
        "metode partisipatif: diskusi kelompok, studi kasus dari pabrik, bermain peran dan simulasi perundingan. "
        "Di akhir pelatihan setiap PUK pulang dengan rencana tindak lanjut yang konkret.</p>"
    ),
    "objectives": [
        "Menjelaskan kebebasan berserikat sebagai hak dasar yang dijamin UUD 1945, UU 21/2000 dan Konvensi ILO 87 dan 98.",
        "Mengenali tindakan pemberangusan serikat menurut Pasal 28 UU 21/2000 dan menyusun langkah pembelaan.",
        "Menjelaskan cara membentuk dan mencatatkan serikat pekerja serta hak-hak serikat yang sudah tercatat.",
        "Menjelaskan hak berunding dan perjanjian kerja bersama, termasuk syarat keterwakilan di meja perundingan.",
        "Merancang cara menjangkau pekerja kontrak dan alih daya agar berani ikut berserikat.",
        "Menyusun rencana tindak lanjut untuk memperkuat serikat di tempat kerja masing-masing.",
    ],
    "terms": [
        {
            "term": "serikat pekerja",
            "definition": (
                "Organisasi yang dibentuk dari, oleh dan untuk pekerja, di dalam maupun di luar perusahaan, yang "
                "bebas, terbuka, mandiri, demokratis dan bertanggung jawab. Paket ini memakai satu sebutan saja."
            ),
            "variants": ["serikat buruh", "SP/SB"],
        },
        {
            "term": "pengusaha",
            "definition": "Orang atau badan hukum yang menjalankan perusahaan dan mempekerjakan pekerja dengan upah.",
            "variants": ["majikan", "juragan"],
        },
        {
            "term": "pemberangusan serikat",
            "definition": (
                "Tindakan untuk menghalangi atau memaksa pekerja membentuk, masuk, menjadi pengurus atau "
                "menjalankan kegiatan serikat (Pasal 28 UU 21/2000), misalnya PHK, mutasi atau intimidasi."
            ),
            "variants": ["union busting", "pembungkaman serikat"],
        },
        {
            "term": "perjanjian kerja bersama",
            "definition": (
                "PKB: perjanjian hasil perundingan antara serikat pekerja yang tercatat dan pengusaha, memuat syarat "
                "kerja, hak dan kewajiban kedua pihak."
            ),
            "variants": ["kesepakatan kerja bersama", "KKB"],
        },
        {
            "term": "pekerja alih daya",
            "definition": (
                "Pekerja yang dipekerjakan oleh perusahaan penyedia jasa tenaga kerja dan ditempatkan di perusahaan "
                "lain (perusahaan pengguna)."
            ),
            "variants": ["outsourcing", "tenaga outsource"],
        },
        {
            "term": "pekerja kontrak",
            "definition": "Pekerja dengan perjanjian kerja waktu tertentu (PKWT), yang hubungan kerjanya berakhir pada tanggal atau pekerjaan tertentu.",
            "variants": ["karyawan kontrak", "buruh kontrak"],
        },
    ],
    "implementation_guide": (
        "<h3>Persiapan</h3>"
        "<p>Mulailah dua sampai tiga minggu sebelum pelatihan. Bicarakan dengan pengurus PUK siapa yang akan "
        "diundang: campuran anggota lama, pengurus baru, perempuan dan pekerja muda, serta pekerja kontrak dan alih "
        "daya. Kelompok ideal 20 sampai 25 orang. Mintalah PUK mengumpulkan dua atau tiga kasus nyata dari pabrik "
        "(surat mutasi, surat peringatan, pengumuman perusahaan) dengan nama orang dihitamkan; kasus dari pabrik "
        "sendiri jauh lebih hidup daripada kasus buatan.</p>"
        "<p>Periksa teks peraturan yang dikutip dalam buku peserta. Undang-undang ketenagakerjaan sering berubah; "
        "bila ada perubahan sesudah edisi ini terbit, catat di papan dan sampaikan ke tim pendidikan KSPI melalui "
        "menu masukan agar edisi berikutnya diperbaiki.</p>"
        "<h3>Ruang dan perlengkapan</h3>"
        "<p>Pilih ruang yang memungkinkan kursi ditata melingkar atau berkelompok, bukan berbaris seperti kelas. "
        "Siapkan kertas plano, spidol tiga warna, selotip kertas, kartu metaplan dan satu salinan buku peserta untuk "
        "setiap orang. Proyektor boleh dipakai, tetapi semua sesi dapat berjalan tanpa listrik.</p>"
        "<h3>Waktu</h3>"
        "<p>Susunan baku adalah tiga hari, masing-masing hampir tujuh jam efektif. Bila pekerja tidak mendapat "
        "izin penuh, paket dapat dipecah: setiap modul dibawakan dalam dua pertemuan pendek sesudah pergantian "
        "sif, atau pada hari libur. Jangan memotong sesi tentang pemberangusan serikat dan simulasi perundingan: "
        "keduanya paling dibutuhkan peserta.</p>"
        "<h3>Tips fasilitasi</h3>"
        "<ul><li>Mulai dari pengalaman peserta, baru kemudian aturan. Pertanyaan pembuka yang baik: "
        "<em>apa yang terjadi di pabrik Anda?</em></li>"
        "<li>Jaga agar semua suara terdengar; beri giliran pertama kepada yang paling jarang bicara.</li>"
        "<li>Jangan menjanjikan hasil hukum yang pasti. Sampaikan jalur dan tenggatnya, lalu hubungkan peserta "
        "dengan bidang advokasi atau LBH serikat.</li>"
        "<li>Lindungi peserta: cerita tentang intimidasi tidak dicatat dengan nama dan tidak difoto.</li></ul>"
        "<h3>Tindak lanjut</h3>"
        "<p>Di akhir hari ketiga setiap PUK menyusun rencana tindak lanjut. Foto rencana itu, kirim ke PC, dan "
        "jadwalkan pertemuan pemantauan satu bulan kemudian. Grup WhatsApp alumni pelatihan membantu peserta "
        "saling bertanya; tetapkan satu pelatih sebagai penjaga grup.</p>"
    ),
    "modules": [],
}

FOA["modules"].append(
    {
        "title": "Mengapa Kita Berserikat",
        "introduction": (
            "<p>Modul pertama membangun dasar: pengalaman peserta sendiri tentang bekerja bersama, dan jaminan hukum "
            "bahwa setiap pekerja berhak membentuk dan masuk serikat. Peserta juga mengenal susunan serikat dari "
            "tingkat pabrik sampai konfederasi, sehingga tahu ke mana harus bertanya dan meminta dukungan.</p>"
        ),
        "sessions": [
            {
                "title": "Perkenalan dan pengalaman berorganisasi",
                "objectives": [0],
                "minutes": 60,
                "method": "brainstorm",
                "activities": (
                    "<ol><li>Peserta berpasangan dan saling bertanya: nama, tempat kerja, bagian, berapa lama bekerja, "
                    "dan satu pengalaman ketika masalah di tempat kerja berhasil diselesaikan bersama-sama (10 menit).</li>"
                    "<li>Setiap orang memperkenalkan pasangannya kepada seluruh kelompok dalam satu menit.</li>"
                    "<li>Curah pendapat: <strong>apa yang bisa dicapai pekerja bila bersatu, yang tidak bisa dicapai "
                    "sendirian?</strong> Tulis setiap jawaban di kartu dan tempel di plano.</li>"
                    "<li>Kelompokkan kartu bersama peserta: upah, keselamatan, kepastian kerja, martabat, lainnya.</li>"
                    "<li>Sepakati aturan main pelatihan: tepat waktu, telepon dalam mode senyap, menghargai pendapat, "
                    "cerita peserta tidak dibawa keluar ruangan.</li></ol>"
                ),
                "materials": "Kertas plano, kartu metaplan, spidol, selotip kertas, daftar hadir.",
                "handout": (
                    "<p>Serikat lahir dari pengalaman sederhana: satu pekerja yang mengeluh mudah diabaikan atau "
                    "diganti, sedangkan ratusan pekerja yang berbicara dengan satu suara harus didengar. Hampir semua hak "
                    "yang kini tertulis dalam undang-undang, seperti jam kerja delapan jam, upah minimum, cuti dan "
                    "jaminan sosial, pernah diperjuangkan oleh pekerja yang berorganisasi.</p>"
                    "<p>Di tempat kerja, serikat pekerja menjalankan beberapa peran sekaligus. Serikat <strong>mewakili"
                    "</strong> anggota ketika berhadapan dengan pengusaha, <strong>berunding</strong> untuk membuat "
                    "perjanjian kerja bersama, <strong>membela</strong> anggota yang haknya dilanggar, dan "
                    "<strong>mendidik</strong> anggota agar memahami hak dan kewajibannya. Di luar pabrik, serikat ikut "
                    "memperjuangkan kebijakan upah, jaminan sosial dan peraturan ketenagakerjaan melalui federasi dan "
                    "konfederasinya.</p>"
                    "<p>Kekuatan serikat tidak datang dari papan nama atau kantor, tetapi dari jumlah anggota yang aktif, "
                    "iuran yang dibayar teratur, pengurus yang dipercaya, dan informasi yang mengalir dua arah antara "
                    "pengurus dan anggota. Karena itu pelatihan ini selalu dimulai dari pertanyaan: apa pengalaman Anda, "
                    "dan apa yang ingin Anda ubah di tempat kerja?</p>"
                    "<h3>Untuk direnungkan</h3>"
                    "<ul><li>Masalah apa di tempat kerja Anda yang tidak mungkin diselesaikan sendirian?</li>"
                    "<li>Siapa rekan kerja Anda yang belum menjadi anggota, dan apa alasannya?</li></ul>"
                ),
                "notes": (
                    "<p>Sesi ini menentukan suasana tiga hari. Jangan terburu-buru masuk ke materi hukum. Bila ada peserta "
                    "pekerja kontrak atau alih daya yang diam, ajak mereka bercerita lebih dulu di pasangan, bukan di "
                    "depan kelompok besar.</p>"
                    "<p>Simpan plano hasil curah pendapat; akan dipakai lagi di sesi rencana tindak lanjut (modul 4).</p>"
                ),
                "questions": [
                    {
                        "kind": "open",
                        "text": "Sebutkan dua hal yang dapat dicapai pekerja bila berorganisasi, yang sulit dicapai sendirian.",
                        "options": [],
                        "answer": (
                            "Jawaban bebas dari pengalaman peserta, misalnya kenaikan upah lewat perundingan, perbaikan "
                            "K3, pembelaan ketika di-PHK, atau kepastian status kerja. Yang dinilai: peserta mengaitkan "
                            "hasil itu dengan kekuatan bersama."
                        ),
                    }
                ],
            },
            {
                "title": "Kebebasan berserikat sebagai hak asasi",
                "objectives": [0],
                "minutes": 90,
                "method": "interactive_talk",
                "activities": (
                    "<p>Presentasi interaktif dengan tiga pertanyaan pemantik, masing-masing dibahas dalam kelompok "
                    "kecil sebelum fasilitator menjelaskan aturannya.</p>"
                    "<ol><li><strong>Siapa yang menjamin hak ini?</strong> Kelompok menebak dari mana hak berserikat "
                    "berasal: pengusaha, pemerintah, atau pekerja sendiri. Fasilitator menjelaskan UUD 1945, "
                    "UU 21/2000 dan Konvensi ILO.</li>"
                    "<li><strong>Siapa yang boleh berserikat?</strong> Kelompok membahas apakah pekerja kontrak, pekerja "
                    "alih daya, pekerja dalam masa percobaan dan pekerja perempuan yang sedang cuti boleh menjadi "
                    "anggota.</li>"
                    "<li><strong>Apa yang tidak boleh dilakukan pengusaha?</strong> Setiap kelompok menulis tiga "
                    "contoh; hasilnya dipakai lagi di modul 2.</li></ol>"
                    "<p>Tutup dengan membaca bersama kotak ringkasan di buku peserta.</p>"
                ),
                "materials": "Buku peserta, salinan Pasal 5 dan Pasal 28 UU 21/2000, plano, spidol; proyektor bila ada.",
                "handout": (
                    "<p>Kebebasan berserikat adalah hak asasi, bukan pemberian pengusaha. <strong>UUD 1945 Pasal 28E "
                    "ayat (3)</strong> menyatakan bahwa setiap orang berhak atas kebebasan berserikat, berkumpul dan "
                    "mengeluarkan pendapat. Hak ini dijabarkan untuk dunia kerja dalam <strong>UU Nomor 21 Tahun 2000 "
                    "tentang serikat pekerja</strong>: setiap pekerja berhak membentuk dan menjadi anggota serikat "
                    "pekerja (Pasal 5 ayat (1)).</p>"
                    "<p>Indonesia juga terikat pada dua konvensi dasar Organisasi Perburuhan Internasional (ILO). "
                    "<strong>Konvensi ILO No. 87</strong> tentang kebebasan berserikat dan perlindungan hak berorganisasi "
                    "diratifikasi dengan Keputusan Presiden No. 83 Tahun 1998; konvensi ini menjamin bahwa pekerja, tanpa "
                    "pembedaan apa pun, berhak mendirikan dan bergabung dengan organisasi pilihannya tanpa izin lebih "
                    "dulu. <strong>Konvensi ILO No. 98</strong> tentang hak berorganisasi dan berunding bersama "
                    "diratifikasi dengan UU No. 18 Tahun 1956; konvensi ini melindungi pekerja dari diskriminasi karena "
                    "keanggotaan serikat dan mendorong perundingan bersama.</p>"
                    "<p>UU 21/2000 menegaskan beberapa prinsip penting. Serikat harus bebas dari tekanan pengusaha, "
                    "pemerintah maupun partai politik (Pasal 9). Keanggotaan terbuka bagi semua pekerja tanpa membedakan "
                    "aliran politik, agama, suku dan jenis kelamin (Pasal 12). Seorang pekerja hanya boleh menjadi "
                    "anggota satu serikat pekerja di satu perusahaan (Pasal 14). Undang-undang tidak membedakan pekerja "
                    "tetap, pekerja kontrak atau pekerja alih daya: semuanya adalah pekerja dan semuanya berhak "
                    "berserikat.</p>"
                    "<p>Hak ini juga dilindungi dari pembalasan. Pasal 28 melarang siapa pun menghalangi atau memaksa "
                    "pekerja membentuk, masuk, menjadi pengurus atau tidak menjadi anggota serikat, dan Pasal 43 "
                    "menjadikan pelanggarannya tindak pidana kejahatan. Modul 2 membahasnya lebih rinci.</p>"
                    "<h3>Ringkasan</h3>"
                    "<table><thead><tr><th>Sumber</th><th>Isi pokok</th></tr></thead><tbody>"
                    "<tr><td>UUD 1945 Pasal 28E ayat (3)</td><td>Setiap orang berhak berserikat, berkumpul dan berpendapat.</td></tr>"
                    "<tr><td>UU 21/2000 Pasal 5</td><td>Setiap pekerja berhak membentuk dan menjadi anggota serikat pekerja.</td></tr>"
                    "<tr><td>UU 21/2000 Pasal 28 dan 43</td><td>Menghalangi atau memaksa pekerja dalam urusan serikat adalah tindak pidana.</td></tr>"
                    "<tr><td>Konvensi ILO 87 (Keppres 83/1998)</td><td>Kebebasan mendirikan dan bergabung dengan organisasi tanpa izin lebih dulu.</td></tr>"
                    "<tr><td>Konvensi ILO 98 (UU 18/1956)</td><td>Perlindungan dari diskriminasi antiserikat; hak berunding bersama.</td></tr>"
                    "</tbody></table>"
                    "<h3>Mitos dan fakta</h3>"
                    "<table><thead><tr><th>Yang sering terdengar</th><th>Yang sebenarnya</th></tr>"
                    "</thead><tbody>"
                    "<tr><td>“Masuk serikat harus izin atasan.”</td><td>Tidak. Hak berserikat tidak memerlukan izin siapa pun; menghalanginya adalah tindak pidana.</td></tr>"
                    "<tr><td>“Pekerja kontrak tidak boleh ikut serikat.”</td><td>Tidak. Setiap pekerja berhak berserikat, apa pun status hubungan kerjanya.</td></tr>"
                    "<tr><td>“Perusahaan yang sudah punya forum karyawan tidak perlu serikat.”</td><td>Forum yang dibentuk manajemen bukan serikat: serikat harus bebas dari campur tangan pengusaha.</td></tr>"
                    "<tr><td>“Serikat hanya untuk demo.”</td><td>Sebagian besar kerja serikat adalah berunding, membela anggota, mendidik dan mengawasi pelaksanaan PKB.</td></tr>"
                    "<tr><td>“Kalau ikut serikat, pasti dipecat.”</td><td>PHK karena kegiatan serikat dilarang dan batal demi hukum; serikat yang kuat justru melindungi anggotanya.</td></tr>"
                    "</tbody></table>"
                ),
                "notes": (
                    "<p>Pertanyaan yang sering muncul: <em>apakah pekerja kontrak boleh menjadi pengurus?</em> Undang-undang "
                    "tidak melarangnya; yang dilarang menjadi pengurus hanyalah pekerja yang jabatannya menimbulkan "
                    "pertentangan kepentingan dengan pengusaha (Pasal 15). Aturan lebih rinci ada di AD/ART serikat "
                    "masing-masing.</p>"
                    "<p>Bila peserta bertanya tentang pekerja dalam masa percobaan, jawab bahwa mereka juga pekerja dan "
                    "berhak berserikat; sarankan PUK mendampingi mereka secara khusus karena mereka paling rentan.</p>"
                ),
                "questions": [
                    {
                        "kind": "choice",
                        "text": "Konvensi ILO manakah yang melindungi pekerja dari diskriminasi karena keanggotaan serikat dan mengatur hak berunding bersama?",
                        "options": ["Konvensi ILO 87", "Konvensi ILO 98", "Konvensi ILO 100", "Konvensi ILO 155"],
                        "answer": "Konvensi ILO 98, diratifikasi Indonesia dengan UU No. 18 Tahun 1956.",
                    },
                    {
                        "kind": "true_false",
                        "text": "Pekerja alih daya tidak boleh menjadi anggota serikat pekerja karena bukan pekerja perusahaan pengguna.",
                        "options": ["Benar", "Salah"],
                        "answer": (
                            "Salah. UU 21/2000 Pasal 5 memberi hak berserikat kepada setiap pekerja. Pekerja alih daya "
                            "dapat bergabung dengan serikat di perusahaan penyedia, atau dengan serikat yang AD/ART-nya "
                            "terbuka bagi mereka."
                        ),
                    },
                ],
            },
            {
                "title": "Susunan serikat dari pabrik sampai konfederasi",
                "objectives": [0, 2],
                "minutes": 60,
                "method": "group_discussion",
                "activities": (
                    "<ol><li>Fasilitator menggambar pohon organisasi kosong di plano: konfederasi di atas, PUK di bawah.</li>"
                    "<li>Kelompok kecil (4 sampai 5 orang) mengisi pohon itu untuk serikat mereka sendiri: nama PUK, PC, "
                    "federasi, konfederasi, dan nama satu pengurus di setiap tingkat bila tahu (20 menit).</li>"
                    "<li>Setiap kelompok menempelkan pohonnya. Bandingkan: apa yang sama, apa yang berbeda antara federasi?</li>"
                    "<li>Diskusi pleno: <strong>masalah apa yang ditangani di tingkat pabrik, dan masalah apa yang "
                    "perlu dibawa ke tingkat cabang atau federasi?</strong></li></ol>"
                ),
                "materials": "Plano dengan gambar pohon kosong, spidol, kartu berwarna untuk setiap tingkat.",
                "handout": (
                    "<p>UU 21/2000 mengatur tiga tingkat yang diakui hukum. Sebuah <strong>serikat pekerja</strong> "
                    "dibentuk oleh sekurang-kurangnya 10 pekerja (Pasal 5 ayat (2)). Sebuah <strong>federasi</strong> "
                    "dibentuk oleh sekurang-kurangnya 5 serikat pekerja (Pasal 6 ayat (2)). Sebuah <strong>konfederasi"
                    "</strong> dibentuk oleh sekurang-kurangnya 3 federasi (Pasal 7 ayat (2)). Sebuah serikat hanya boleh "
                    "bergabung dengan satu federasi, dan federasi hanya dengan satu konfederasi (Pasal 16).</p>"
                    "<p>Susunan di dalam masing-masing organisasi diatur sendiri dalam AD/ART-nya (Pasal 8). Karena itu "
                    "nama tingkatannya berbeda-beda. Di FSPMI, misalnya, ada dua jalur yang bertemu di tingkat "
                    "kabupaten/kota: jalur wilayah (DPP, DPW, Konsulat Cabang) dan jalur sektor (Pimpinan Pusat serikat "
                    "anggota, Pimpinan Cabang, Pimpinan Unit Kerja). Federasi lain memakai susunan DPP, DPD, DPC dan PUK. "
                    "KSPI, didirikan pada 2003, adalah konfederasi yang menaungi federasi-federasi itu.</p>"
                    "<p>Bagi anggota, tingkat terpenting adalah <strong>PUK</strong>: di sinilah iuran dikumpulkan, "
                    "perundingan bipartit dilakukan, PKB dirundingkan dan anggota dibela. Tingkat di atasnya memberi "
                    "dukungan yang tidak dimiliki PUK sendirian: pendampingan hukum, pendidikan, data upah sektor, dan "
                    "kekuatan aksi bersama ketika satu pabrik diserang.</p>"
                    "<table><thead><tr><th>Tingkat</th><th>Contoh tugas</th></tr></thead><tbody>"
                    "<tr><td>PUK (pabrik)</td><td>Perundingan bipartit, PKB, pembelaan anggota, iuran, rekrutmen</td></tr>"
                    "<tr><td>PC / DPC (kabupaten/kota)</td><td>Pendampingan kasus, mediasi di dinas, pendidikan, kartu anggota</td></tr>"
                    "<tr><td>DPW / DPD (provinsi)</td><td>Dewan pengupahan, koordinasi antarcabang</td></tr>"
                    "<tr><td>Federasi</td><td>Kebijakan sektor, pendidikan lanjut, kampanye nasional</td></tr>"
                    "<tr><td>Konfederasi</td><td>Advokasi kebijakan nasional, hubungan internasional, paket pendidikan bersama</td></tr>"
                    "</tbody></table>"
                ),
                "notes": (
                    "<p>Peserta dari federasi berbeda akan menggambar pohon yang berbeda; itu bahan diskusi yang baik, bukan "
                    "kesalahan. Tekankan bahwa tingkat di atas PUK ada untuk mendukung, bukan untuk menggantikan kerja di "
                    "pabrik.</p>"
                ),
                "questions": [
                    {
                        "kind": "choice",
                        "text": "Berapa jumlah pekerja paling sedikit untuk membentuk sebuah serikat pekerja menurut UU 21/2000?",
                        "options": ["5 orang", "10 orang", "25 orang", "50 orang"],
                        "answer": "10 orang (Pasal 5 ayat (2) UU 21/2000).",
                    }
                ],
            },
        ],
    }
)

FOA["modules"].append(
    {
        "title": "Hukum yang Melindungi Serikat",
        "introduction": (
            "<p>Modul kedua membahas aturan yang paling sering dibutuhkan pengurus di pabrik: cara membentuk dan "
            "mencatatkan serikat, hak yang dimiliki serikat setelah tercatat, dan larangan pemberangusan serikat "
            "beserta sanksinya. Peserta berlatih memakai aturan itu pada kasus dari tempat kerja mereka sendiri.</p>"
        ),
        "sessions": [
            {
                "title": "Membentuk dan mencatatkan serikat",
                "objectives": [2],
                "minutes": 90,
                "method": "interactive_talk",
                "activities": (
                    "<ol><li>Cerita pembuka: fasilitator atau peserta yang pernah mengalami menceritakan bagaimana PUK "
                    "mereka dibentuk: siapa yang memulai, berapa lama, apa hambatannya (15 menit).</li>"
                    "<li>Kelompok menyusun urutan langkah pembentukan serikat dari kartu-kartu yang diacak: rapat pendiri, "
                    "AD/ART, susunan pengurus, pemberitahuan ke dinas, nomor bukti pencatatan, pemberitahuan ke "
                    "pengusaha (20 menit).</li>"
                    "<li>Fasilitator membahas urutan yang benar dengan tabel di buku peserta dan menjelaskan tenggat 21 "
                    "hari kerja.</li>"
                    "<li>Latihan: setiap kelompok memeriksa contoh AD serikat dan mencentang unsur wajib menurut Pasal 11 "
                    "yang ada atau belum ada.</li></ol>"
                ),
                "materials": "Kartu langkah pembentukan (diacak), contoh AD/ART satu PUK, daftar periksa Pasal 11, spidol.",
                "handout": (
                    "<p>Membentuk serikat tidak memerlukan izin pengusaha maupun izin pemerintah. Yang diperlukan adalah "
                    "sekurang-kurangnya 10 pekerja yang sepakat, anggaran dasar dan anggaran rumah tangga (AD/ART), dan "
                    "susunan pengurus. Serikat yang dibentuk di pabrik yang sudah ada federasinya biasanya bergabung "
                    "sebagai unit kerja federasi itu dan memakai AD/ART federasi.</p>"
                    "<p>Menurut <strong>Pasal 11 UU 21/2000</strong>, anggaran dasar sekurang-kurangnya memuat: nama dan "
                    "lambang; dasar negara, asas dan tujuan; tanggal pendirian; tempat kedudukan; keanggotaan dan "
                    "kepengurusan; sumber dan pertanggungjawaban keuangan; serta ketentuan perubahan AD/ART.</p>"
                    "<p>Setelah dibentuk, serikat <strong>memberitahukan</strong> dirinya secara tertulis kepada instansi "
                    "ketenagakerjaan kabupaten/kota untuk dicatat, dengan melampirkan daftar nama pendiri, AD/ART dan "
                    "susunan pengurus (Pasal 18). Instansi wajib mencatat dan memberikan <strong>nomor bukti pencatatan "
                    "paling lambat 21 hari kerja</strong> sejak pemberitahuan diterima (Pasal 20). Nama dan lambang "
                    "tidak boleh sama dengan serikat yang sudah tercatat lebih dulu (Pasal 19). Setelah tercatat, "
                    "serikat memberitahukan keberadaannya kepada pengusaha secara tertulis.</p>"
                    "<table><thead><tr><th>Langkah</th><th>Siapa</th><th>Catatan</th></tr></thead><tbody>"
                    "<tr><td>1. Rapat pendiri</td><td>Paling sedikit 10 pekerja</td><td>Buat daftar hadir dan berita acara</td></tr>"
                    "<tr><td>2. AD/ART dan pengurus</td><td>Rapat pendiri</td><td>Pakai AD/ART federasi bila bergabung</td></tr>"
                    "<tr><td>3. Pemberitahuan ke dinas</td><td>Pengurus</td><td>Lampirkan pendiri, AD/ART, pengurus</td></tr>"
                    "<tr><td>4. Nomor bukti pencatatan</td><td>Dinas kabupaten/kota</td><td>Paling lambat 21 hari kerja</td></tr>"
                    "<tr><td>5. Pemberitahuan ke pengusaha</td><td>Pengurus</td><td>Simpan tanda terima</td></tr>"
                    "</tbody></table>"
                    "<p>Masa antara rapat pendiri dan pemberitahuan ke pengusaha adalah masa paling rawan. Banyak "
                    "pemberangusan serikat terjadi tepat di masa ini, ketika pengurus baru belum dikenal dinas dan "
                    "belum didampingi federasi. Karena itu libatkan PC atau federasi sejak rapat pendiri.</p>"
                ),
                "notes": (
                    "<p>Pastikan peserta memahami bahwa pencatatan bukan izin: serikat ada sejak dibentuk, pencatatan "
                    "memberinya hak-hak tertentu (misalnya berunding PKB). Bila dinas menunda pencatatan, dinas harus "
                    "memberitahukan alasannya; serikat dapat melengkapi kekurangannya dan meminta pendampingan cabang.</p>"
                ),
                "questions": [
                    {
                        "kind": "open",
                        "text": "Sebutkan tiga lampiran yang harus disertakan ketika serikat memberitahukan dirinya ke dinas untuk dicatat.",
                        "options": [],
                        "answer": "Daftar nama anggota pendiri, anggaran dasar dan anggaran rumah tangga, serta susunan dan nama pengurus (Pasal 18 UU 21/2000).",
                    },
                    {
                        "kind": "choice",
                        "text": "Paling lambat berapa lama dinas wajib memberikan nomor bukti pencatatan?",
                        "options": ["7 hari kerja", "14 hari kerja", "21 hari kerja", "30 hari kerja"],
                        "answer": "21 hari kerja sejak pemberitahuan diterima (Pasal 20 UU 21/2000).",
                    },
                ],
            },
            {
                "title": "Hak serikat yang tercatat dan iuran anggota",
                "objectives": [2, 3],
                "minutes": 60,
                "method": "group_discussion",
                "activities": (
                    "<ol><li>Bagi peserta menjadi tiga kelompok; setiap kelompok mendapat satu kartu topik: "
                    "<strong>hak serikat</strong>, <strong>kegiatan serikat di jam kerja</strong>, "
                    "<strong>iuran dan potongan upah</strong>.</li>"
                    "<li>Setiap kelompok membaca bagian buku peserta yang sesuai dan menjawab: apa yang sudah berjalan di "
                    "pabrik kami, apa yang belum, dan mengapa (20 menit).</li>"
                    "<li>Pleno: setiap kelompok melapor 5 menit; fasilitator melengkapi.</li>"
                    "<li>Tutup dengan pertanyaan: <em>berapa persen anggota di PUK Anda yang iurannya dipotong lewat "
                    "surat kuasa?</em></li></ol>"
                ),
                "materials": "Kartu topik, contoh surat kuasa potong iuran, buku peserta.",
                "handout": (
                    "<p>Serikat yang telah mempunyai nomor bukti pencatatan berhak membuat perjanjian kerja bersama dengan "
                    "pengusaha, mewakili pekerja dalam menyelesaikan perselisihan hubungan industrial, mewakili pekerja "
                    "dalam lembaga ketenagakerjaan, dan melakukan kegiatan lain di bidang ketenagakerjaan (Pasal 25 "
                    "UU 21/2000).</p>"
                    "<p>Pengusaha wajib memberi kesempatan kepada pengurus dan anggota untuk menjalankan kegiatan serikat "
                    "dalam jam kerja sesuai kesepakatan atau sesuai yang diatur dalam PKB (Pasal 29). Karena itu banyak PKB "
                    "memuat pasal tentang dispensasi pengurus, ruang sekretariat dan papan pengumuman. Bila PKB di pabrik "
                    "Anda belum memuatnya, itu bahan perundingan berikutnya.</p>"
                    "<p>Keuangan serikat terutama berasal dari <strong>iuran anggota</strong> (Pasal 30). Menurut "
                    "Keputusan Menteri Tenaga Kerja dan Transmigrasi KEP.187/MEN/X/2004, iuran dapat dipotong langsung "
                    "dari upah setiap bulan (sistem potong upah atau <em>check-off</em>). Syaratnya: serikat memberitahukan "
                    "pengusaha secara tertulis dengan melampirkan daftar anggota, susunan pengurus, nomor bukti pencatatan, "
                    "<strong>surat kuasa dari setiap anggota</strong> dan peraturan organisasi tentang iuran. Pengusaha "
                    "hanya boleh memotong berdasarkan surat kuasa masing-masing pekerja dan wajib mencatat potongan itu "
                    "secara terpisah. Pekerja yang keluar dari serikat mencabut surat kuasanya.</p>"
                    "<p>Di FSPMI iuran anggota adalah 1 % dari upah, dipotong lewat sistem potong upah. Iuran yang teratur "
                    "membiayai pendampingan kasus, pendidikan seperti pelatihan ini, dan dana perjuangan. Serikat juga "
                    "wajib memisahkan keuangannya dari keuangan pribadi pengurus dan mempertanggungjawabkannya kepada "
                    "anggota.</p>"
                    "<h3>Contoh pasal PKB tentang fasilitas serikat</h3>"
                    "<p>Rumusan di bawah ini hanya contoh untuk dibahas; setiap PUK menyesuaikannya dengan keadaan pabrik:</p>"
                    "<ol>"
                    "<li>Perusahaan menyediakan ruang sekretariat serikat lengkap dengan meja, lemari berkunci dan papan pengumuman di setiap gedung produksi.</li>"
                    "<li>Pengurus PUK mendapat dispensasi dengan upah penuh untuk menghadiri perundingan, sidang, rapat organisasi dan pendidikan serikat, dengan pemberitahuan tertulis sebelumnya.</li>"
                    "<li>Perusahaan memotong iuran anggota berdasarkan surat kuasa dan menyetorkannya paling lambat tanggal yang disepakati setiap bulan, disertai daftar nama.</li>"
                    "<li>Anggota baru diperkenalkan kepada serikat pada masa orientasi pekerja baru.</li>"
                    "</ol><p>Pasal seperti ini mengubah hak umum dalam undang-undang menjadi kewajiban yang jelas dan dapat ditagih.</p>"
                ),
                "notes": (
                    "<p>Topik iuran sering memancing keluhan tentang transparansi. Dengarkan, lalu arahkan ke hak anggota "
                    "untuk meminta laporan keuangan sesuai AD/ART. Jangan membahas kasus keuangan satu PUK tertentu di "
                    "depan kelompok.</p>"
                ),
                "questions": [
                    {
                        "kind": "true_false",
                        "text": "Pengusaha boleh memotong iuran serikat dari upah semua pekerja asalkan serikat sudah tercatat.",
                        "options": ["Benar", "Salah"],
                        "answer": "Salah. Potongan hanya boleh berdasarkan surat kuasa dari setiap pekerja (KEP.187/MEN/X/2004).",
                    }
                ],
            },
            {
                "title": "Mengenali pemberangusan serikat",
                "objectives": [1],
                "minutes": 120,
                "method": "case_study",
                "activities": (
                    "<h3>Bagian 1: tiga kasus (60 menit)</h3>"
                    "<p>Bagi peserta menjadi tiga kelompok. Setiap kelompok membaca satu kasus di bawah dan menjawab: "
                    "(a) apakah ini pemberangusan serikat menurut Pasal 28? (b) bukti apa yang perlu dikumpulkan? "
                    "(c) apa langkah pertama PUK?</p>"
                    "<ul><li><strong>Kasus A, pabrik komponen otomotif.</strong> Dua minggu setelah PUK memberitahukan "
                    "pengurusnya, ketua dan sekretaris dimutasi ke gudang di kota lain. Pengumuman mutasi menyebut "
                    "\u201ckebutuhan operasional\u201d.</li>"
                    "<li><strong>Kasus B, pabrik garmen.</strong> Supervisor mengumpulkan operator jahit dan mengatakan "
                    "bahwa pekerja kontrak yang ikut rapat serikat tidak akan diperpanjang kontraknya.</li>"
                    "<li><strong>Kasus C, pabrik elektronik.</strong> Pengusaha tidak mau memotong iuran meskipun surat "
                    "kuasa sudah diserahkan, lalu membentuk \u201cforum komunikasi karyawan\u201d yang dipimpin staf "
                    "personalia.</li></ul>"
                    "<h3>Bagian 2: pleno (45 menit)</h3>"
                    "<p>Setiap kelompok menyajikan jawabannya. Fasilitator mencatat bentuk-bentuk pemberangusan di plano "
                    "dan mencocokkannya dengan Pasal 28.</p>"
                    "<h3>Bagian 3: pengalaman peserta (15 menit)</h3>"
                    "<p>Peserta yang bersedia menceritakan kejadian serupa di pabriknya, tanpa menyebut nama orang.</p>"
                ),
                "materials": "Lembar kasus A, B dan C, salinan Pasal 28 dan 43 UU 21/2000, plano, spidol.",
                "handout": (
                    "<p><strong>Pasal 28 UU 21/2000</strong> melarang siapa pun menghalang-halangi atau memaksa pekerja "
                    "untuk membentuk atau tidak membentuk serikat, menjadi pengurus atau tidak menjadi pengurus, menjadi "
                    "anggota atau tidak menjadi anggota, dan menjalankan atau tidak menjalankan kegiatan serikat. Caranya "
                    "disebut satu per satu:</p>"
                    "<ul><li>melakukan pemutusan hubungan kerja, memberhentikan sementara, menurunkan jabatan, atau "
                    "melakukan mutasi;</li>"
                    "<li>tidak membayar atau mengurangi upah pekerja;</li>"
                    "<li>melakukan intimidasi dalam bentuk apa pun;</li>"
                    "<li>melakukan kampanye antipembentukan serikat pekerja.</li></ul>"
                    "<p>Pelanggaran Pasal 28 adalah <strong>tindak pidana kejahatan</strong>. Menurut Pasal 43, pelakunya "
                    "diancam pidana penjara paling singkat 1 tahun dan paling lama 5 tahun dan/atau denda paling sedikit "
                    "Rp100 juta dan paling banyak Rp500 juta. Selain itu UU 13/2003 melarang pengusaha melakukan PHK "
                    "dengan alasan pekerja mendirikan, menjadi anggota atau pengurus serikat, atau menjalankan kegiatan "
                    "serikat di luar jam kerja atau di dalam jam kerja atas kesepakatan pengusaha atau menurut PKB; PHK "
                    "dengan alasan itu batal demi hukum.</p>"
                    "<p>Pemberangusan serikat jarang diumumkan terang-terangan. Tanda-tandanya: mutasi atau PHK pengurus "
                    "tak lama setelah serikat diberitahukan; kontrak tidak diperpanjang hanya bagi anggota; panggilan "
                    "satu per satu ke ruang personalia; ancaman lisan dari atasan; penolakan memotong iuran; pembentukan "
                    "wadah tandingan yang dikendalikan manajemen. Satu kejadian mungkin kebetulan; pola yang berulang "
                    "adalah bukti.</p>"
                    "<h3>Kumpulkan bukti sejak hari pertama</h3>"
                    "<ol><li>Catat tanggal, jam, tempat, siapa yang berbicara dan siapa yang mendengar.</li>"
                    "<li>Simpan surat, pengumuman, pesan WhatsApp dan rekaman yang sah.</li>"
                    "<li>Bandingkan perlakuan terhadap anggota dan bukan anggota (misalnya siapa yang kontraknya tidak "
                    "diperpanjang).</li>"
                    "<li>Laporkan segera ke PC atau bidang advokasi federasi; jangan menunggu kasus menjadi besar.</li></ol>"
                    "<h3>Contoh catatan kejadian</h3>"
                    "<table><thead><tr><th>Tanggal dan jam</th><th>Kejadian</th><th>Saksi</th><th>Bukti</th></tr>"
                    "</thead><tbody>"
                    "<tr><td>3 Maret, 10.15</td><td>Supervisor lini 2 mengatakan di depan operator bahwa yang ikut rapat serikat tidak akan diperpanjang</td><td>Dua operator lini 2</td><td>Catatan saksi</td></tr>"
                    "<tr><td>5 Maret, 08.00</td><td>Ketua PUK menerima surat mutasi ke gudang</td><td>Sekretaris PUK</td><td>Salinan surat mutasi</td></tr>"
                    "<tr><td>6 Maret, 13.30</td><td>Tiga anggota dipanggil satu per satu ke ruang personalia</td><td>Anggota yang dipanggil</td><td>Pesan WhatsApp undangan</td></tr>"
                    "</tbody></table><p>Catatan yang dibuat pada hari yang sama jauh lebih kuat daripada ingatan yang disusun berminggu-minggu kemudian. Tulis fakta, bukan penilaian: “supervisor berkata ...”, bukan “supervisor mengancam”.</p>"
                ),
                "notes": (
                    "<p>Kasus A hampir selalu dinilai peserta sebagai pemberangusan; ajak mereka memikirkan bagaimana "
                    "membuktikannya (waktu mutasi, siapa yang dimutasi, apakah ada kebutuhan nyata di gudang). Kasus B "
                    "adalah intimidasi yang jelas. Kasus C menggabungkan penolakan memotong iuran dengan wadah tandingan: "
                    "pembahasannya menyambung ke sesi iuran.</p>"
                    "<p>Sesi ini bisa memunculkan cerita yang menyakitkan. Beri waktu, jangan memaksa orang bercerita, dan "
                    "tawarkan pembicaraan pribadi sesudah sesi.</p>"
                ),
                "questions": [
                    {
                        "kind": "choice",
                        "text": "Manakah yang TIDAK termasuk cara pemberangusan serikat yang disebut dalam Pasal 28 UU 21/2000?",
                        "options": [
                            "Mutasi pengurus serikat",
                            "Intimidasi dalam bentuk apa pun",
                            "Kampanye antipembentukan serikat",
                            "Mengundang serikat berunding PKB",
                        ],
                        "answer": "Mengundang serikat berunding PKB; tiga lainnya disebut dalam Pasal 28.",
                    },
                    {
                        "kind": "open",
                        "text": "Ketua PUK Anda dimutasi seminggu setelah serikat diberitahukan ke pengusaha. Sebutkan tiga langkah pertama PUK.",
                        "options": [],
                        "answer": (
                            "Misalnya: mencatat kronologi dan mengumpulkan bukti (surat mutasi, tanggal pemberitahuan "
                            "serikat); meminta perundingan bipartit secara tertulis; melapor ke PC atau bidang advokasi "
                            "federasi untuk pendampingan, termasuk kemungkinan laporan pidana Pasal 43."
                        ),
                    },
                ],
            },
        ],
    }
)

FOA["modules"].append(
    {
        "title": "Membela Anggota dan Berunding",
        "introduction": (
            "<p>Hak yang tertulis baru berarti bila dipakai. Modul ketiga melatih dua keterampilan inti pengurus: "
            "membela anggota melalui jalur penyelesaian perselisihan, dan berunding untuk membuat perjanjian kerja "
            "bersama. Sebagian besar waktunya dipakai untuk bermain peran dan simulasi.</p>"
        ),
        "sessions": [
            {
                "title": "Jalur pembelaan: bipartit, mediasi dan pengadilan",
                "objectives": [1],
                "minutes": 120,
                "method": "role_play",
                "activities": (
                    "<ol><li>Fasilitator menjelaskan jalur penyelesaian perselisihan dengan tabel di buku peserta (20 menit).</li>"
                    "<li>Bermain peran perundingan bipartit tentang Kasus A dari modul 2: tiga peserta menjadi pengurus PUK, "
                    "dua menjadi manajer personalia dan kepala pabrik, sisanya pengamat dengan lembar pengamatan (40 menit).</li>"
                    "<li>Pengamat melaporkan: apakah PUK membawa bukti? apakah tuntutannya jelas? apakah risalah ditulis "
                    "dan ditandatangani? (20 menit).</li>"
                    "<li>Ulangi dengan pemeran baru, kali ini pihak manajemen menolak berunding. Apa langkah PUK berikutnya? "
                    "(30 menit).</li>"
                    "<li>Penutup: setiap peserta menulis satu hal yang akan dilakukan berbeda (10 menit).</li></ol>"
                ),
                "materials": "Kartu peran, lembar pengamatan, contoh risalah perundingan bipartit, tabel jalur perselisihan.",
                "handout": (
                    "<p>Perselisihan hubungan industrial diselesaikan menurut <strong>UU 2/2004</strong> tentang "
                    "penyelesaian perselisihan hubungan industrial. Undang-undang ini mengenal empat jenis perselisihan: "
                    "perselisihan hak, perselisihan kepentingan, perselisihan pemutusan hubungan kerja, dan perselisihan "
                    "antarserikat pekerja dalam satu perusahaan.</p>"
                    "<p>Langkah pertama selalu <strong>perundingan bipartit</strong> antara pekerja atau serikat dan "
                    "pengusaha. Perundingan ini harus selesai paling lama 30 hari kerja, dan setiap pertemuan dibuatkan "
                    "risalah yang ditandatangani. Bila salah satu pihak menolak berunding atau tidak tercapai kesepakatan, "
                    "perundingan bipartit dianggap gagal dan perselisihan dicatatkan ke dinas ketenagakerjaan "
                    "kabupaten/kota dengan bukti upaya bipartit.</p>"
                    "<table><thead><tr><th>Tahap</th><th>Tenggat menurut aturan</th></tr></thead><tbody>"
                    "<tr><td>Bipartit</td><td>Paling lama 30 hari kerja; risalah setiap pertemuan</td></tr>"
                    "<tr><td>Pencatatan di dinas</td><td>Para pihak memilih konsiliasi atau arbitrase dalam 7 hari kerja; bila tidak memilih, diteruskan ke mediator</td></tr>"
                    "<tr><td>Mediasi</td><td>Sidang pertama dalam 7 hari kerja; anjuran tertulis dalam 10 hari kerja bila tidak sepakat; para pihak menjawab dalam 10 hari kerja, tidak menjawab dianggap menolak</td></tr>"
                    "<tr><td>Pengadilan Hubungan Industrial</td><td>Gugatan dengan lampiran risalah mediasi atau konsiliasi; putusan dalam 50 hari kerja sejak sidang pertama</td></tr>"
                    "<tr><td>Kasasi</td><td>Diajukan dalam 14 hari kerja sejak putusan PHI (untuk perselisihan hak dan PHK)</td></tr>"
                    "</tbody></table>"
                    "<p>Dalam praktik, kasus sering berjalan jauh lebih lama daripada tenggat di atas. Karena itu PUK perlu "
                    "menyimpan semua dokumen dengan rapi sejak awal dan segera melibatkan PC atau bidang advokasi federasi.</p>"
                    "<p>Pemberangusan serikat juga dapat dilaporkan sebagai <strong>tindak pidana</strong> (Pasal 43 "
                    "UU 21/2000) kepada pengawas ketenagakerjaan atau kepolisian. Jalur pidana dan jalur perselisihan dapat "
                    "berjalan bersamaan; putuskan bersama pendamping hukum serikat mana yang didahulukan.</p>"
                    "<h3>Risalah bipartit yang baik memuat</h3>"
                    "<ul><li>tanggal, tempat, nama dan jabatan yang hadir dari kedua pihak;</li>"
                    "<li>pokok masalah dan tuntutan serikat;</li>"
                    "<li>jawaban pengusaha;</li>"
                    "<li>kesepakatan atau ketidaksepakatan, dan rencana pertemuan berikutnya;</li>"
                    "<li>tanda tangan kedua pihak. Bila pengusaha menolak menandatangani, catat penolakan itu.</li></ul>"
                    "<h3>Contoh perjalanan satu kasus</h3>"
                    "<p>Seorang anggota di-PHK dengan alasan “efisiensi” dua minggu setelah terpilih sebagai pengurus. PUK mengirim surat permintaan perundingan bipartit pada hari yang sama. Dua pertemuan bipartit berlangsung tanpa kesepakatan dan risalahnya ditandatangani. PUK, didampingi PC, mencatatkan perselisihan ke dinas ketenagakerjaan kabupaten dengan melampirkan kedua risalah. Karena para pihak tidak memilih konsiliasi atau arbitrase, kasus diteruskan ke mediator. Mediator mengeluarkan anjuran agar pekerja dipekerjakan kembali; pengusaha tidak menjawab dalam 10 hari kerja, sehingga dianggap menolak. PC lalu mengajukan gugatan ke Pengadilan Hubungan Industrial dengan melampirkan risalah mediasi, dan bersamaan dengan itu melaporkan dugaan pelanggaran Pasal 28 UU 21/2000 kepada pengawas ketenagakerjaan.</p>"
                    "<p>Pelajaran dari kasus ini: setiap langkah meninggalkan dokumen, dan setiap dokumen menjadi lampiran langkah berikutnya. PUK yang rapi menyimpan dokumen memudahkan pendamping hukumnya.</p>"
                ),
                "notes": (
                    "<p>Peran manajemen sebaiknya dimainkan oleh peserta yang berpengalaman, agar perundingan terasa "
                    "nyata. Hentikan permainan bila suasana menjadi terlalu panas, dan ingatkan bahwa ini latihan.</p>"
                    "<p>Batas waktu gugatan PHK sesudah perubahan-perubahan undang-undang perlu dicek ke LBH serikat; "
                    "jangan memberi angka pasti kepada peserta.</p>"
                ),
                "questions": [
                    {
                        "kind": "choice",
                        "text": "Berapa lama paling lama perundingan bipartit harus diselesaikan menurut UU 2/2004?",
                        "options": ["7 hari kerja", "14 hari kerja", "30 hari kerja", "50 hari kerja"],
                        "answer": "30 hari kerja.",
                    },
                    {
                        "kind": "true_false",
                        "text": "Bila pengusaha tidak menjawab anjuran mediator dalam 10 hari kerja, pengusaha dianggap menerima anjuran itu.",
                        "options": ["Benar", "Salah"],
                        "answer": "Salah. Pihak yang tidak menjawab dianggap menolak anjuran.",
                    },
                ],
            },
            {
                "title": "Perjanjian kerja bersama: siapa berunding dan apa isinya",
                "objectives": [3],
                "minutes": 90,
                "method": "group_discussion",
                "activities": (
                    "<ol><li>Kuis cepat: fasilitator membacakan lima pernyataan tentang PKB; peserta berdiri bila setuju, "
                    "duduk bila tidak (10 menit).</li>"
                    "<li>Kelompok kecil membaca daftar isi PKB dari salah satu pabrik peserta (atau contoh yang dibawa "
                    "fasilitator) dan menandai: pasal mana yang lebih baik dari undang-undang, pasal mana yang hanya "
                    "mengulang undang-undang (30 menit).</li>"
                    "<li>Pleno: apa tiga hal yang paling ingin ditambahkan anggota pada PKB berikutnya? (30 menit)</li>"
                    "<li>Fasilitator menjelaskan syarat keterwakilan dan masa berlaku PKB (20 menit).</li></ol>"
                ),
                "materials": "Contoh PKB (daftar isi), lembar pernyataan kuis, plano.",
                "handout": (
                    "<p>Perjanjian kerja bersama (PKB) dibuat oleh serikat pekerja yang tercatat dengan pengusaha. Dasarnya "
                    "adalah UU 13/2003 Pasal 116 sampai 135; pasal-pasal ini pada pokoknya tidak diubah oleh UU 6/2023 "
                    "(Cipta Kerja). Dalam satu perusahaan hanya berlaku satu PKB.</p>"
                    "<h3>Siapa yang berhak berunding</h3>"
                    "<p>Bila di perusahaan hanya ada satu serikat, serikat itu berhak berunding bila anggotanya lebih dari "
                    "50 % dari seluruh pekerja, atau bila memperoleh dukungan lebih dari 50 % pekerja melalui pemungutan "
                    "suara. Bila dukungan itu tidak tercapai, pemungutan suara dapat diulang setelah 6 bulan. Bila ada "
                    "lebih dari satu serikat, yang berunding adalah serikat dengan anggota lebih dari 50 %; bila tidak "
                    "ada, serikat-serikat dapat berkoalisi sampai lebih dari 50 %, dan bila itu pun tidak tercapai dibentuk "
                    "tim perunding yang keanggotaannya proporsional (Putusan MK 115/PUU-VII/2009). Karena itu jumlah "
                    "anggota adalah kekuatan nyata di meja perundingan.</p>"
                    "<h3>Masa berlaku dan pendaftaran</h3>"
                    "<p>PKB berlaku paling lama 2 tahun dan dapat diperpanjang satu kali paling lama 1 tahun berdasarkan "
                    "kesepakatan tertulis. Perundingan PKB berikutnya dapat dimulai 3 bulan sebelum PKB berakhir, dan PKB "
                    "lama tetap berlaku selama perundingan berjalan. PKB wajib didaftarkan ke instansi ketenagakerjaan "
                    "(Permenaker 28/2014); struktur dan skala upah dilampirkan.</p>"
                    "<h3>Isi PKB</h3>"
                    "<p>PKB memuat hak dan kewajiban pengusaha, serikat dan pekerja, serta jangka waktu dan tanggal "
                    "berlakunya. Isinya tidak boleh lebih rendah dari undang-undang: PKB yang baik menambah, bukan "
                    "mengulang. Contoh pasal yang sering diperjuangkan: kenaikan upah di atas upah minimum menurut masa "
                    "kerja, pengangkatan pekerja kontrak menjadi pekerja tetap, fasilitas serikat, dispensasi pengurus, "
                    "K3, cuti tambahan, ruang laktasi, dan prosedur keluh kesah.</p>"
                    "<h3>Dari survei anggota ke daftar tuntutan</h3>"
                    "<p>Tuntutan PKB yang kuat lahir dari anggota. Beberapa bulan sebelum perundingan, PUK dapat menjalankan survei singkat: satu lembar berisi lima sampai delapan pertanyaan, dibagikan per bagian dan per sif, atau dikirim lewat grup WhatsApp dengan formulir sederhana. Tanyakan apa yang paling perlu diperbaiki, berapa banyak pekerja kontrak di bagian itu, keluhan K3 apa yang paling sering muncul, dan apa yang membuat pekerja perempuan sulit bertahan.</p>"
                    "<p>Hasil survei dihitung, dibahas dalam rapat anggota atau rapat koordinator bagian, lalu disusun menjadi daftar tuntutan dengan urutan prioritas. Tim perunding membawa daftar itu sebagai mandat. Setiap kali ada usulan kompromi yang menyentuh prioritas utama, tim kembali kepada anggota sebelum menyetujuinya.</p>"
                    "<ul>"
                    "<li><strong>Prioritas utama:</strong> yang paling banyak disebut anggota dan paling berdampak.</li>"
                    "<li><strong>Prioritas kedua:</strong> penting tetapi dapat ditukar dengan kemajuan di prioritas utama.</li>"
                    "<li><strong>Tambahan:</strong> usulan yang baik untuk dicoba, tanpa mempertaruhkan perundingan.</li>"
                    "</ul>"
                ),
                "notes": (
                    "<p>Banyak peserta belum pernah membaca PKB pabriknya sendiri. Dorong PUK memperbanyak PKB untuk anggota. "
                    "Pernyataan kuis yang disarankan: (1) PKB boleh lebih rendah dari UU bila disepakati [salah]; (2) satu "
                    "perusahaan boleh punya dua PKB [salah]; (3) PKB berlaku paling lama 2 tahun [benar]; (4) PKB lama "
                    "tetap berlaku selama perundingan [benar]; (5) serikat tanpa nomor pencatatan boleh berunding PKB "
                    "[salah].</p>"
                ),
                "questions": [
                    {
                        "kind": "open",
                        "text": "Di perusahaan Anda ada dua serikat; tidak satu pun beranggota lebih dari 50 % pekerja. Bagaimana tim perunding PKB dibentuk?",
                        "options": [],
                        "answer": (
                            "Serikat-serikat dapat berkoalisi sampai jumlah anggotanya lebih dari 50 %; bila tidak tercapai, "
                            "dibentuk tim perunding proporsional menurut jumlah anggota masing-masing serikat (Pasal 120 UU "
                            "13/2003 dengan Putusan MK 115/PUU-VII/2009)."
                        ),
                    }
                ],
            },
            {
                "title": "Simulasi perundingan PKB",
                "objectives": [3, 5],
                "minutes": 120,
                "method": "simulation",
                "activities": (
                    "<h3>Persiapan (30 menit)</h3>"
                    "<p>Peserta dibagi menjadi tim serikat dan tim manajemen, masing-masing 5 sampai 7 orang, ditambah "
                    "dua atau tiga pengamat. Tim serikat mendapat <strong>lembar tuntutan</strong>: kenaikan upah 8 % di "
                    "atas UMK untuk pekerja bermasa kerja lebih dari satu tahun, pengangkatan pekerja kontrak yang sudah "
                    "bekerja lebih dari tiga tahun, dan ruang laktasi. Tim manajemen mendapat <strong>lembar posisi"
                    "</strong> dengan batas yang tidak diketahui tim serikat.</p>"
                    "<h3>Perundingan (60 menit)</h3>"
                    "<p>Dua babak perundingan masing-masing 25 menit dengan jeda 10 menit untuk berunding di dalam tim. "
                    "Setiap babak ditutup dengan risalah singkat.</p>"
                    "<h3>Evaluasi (30 menit)</h3>"
                    "<table><thead><tr><th>Pertanyaan</th><th>Tim serikat</th><th>Tim manajemen</th></tr></thead><tbody>"
                    "<tr><td>Apa yang dicapai?</td><td></td><td></td></tr>"
                    "<tr><td>Kapan tim merasa paling kuat?</td><td></td><td></td></tr>"
                    "<tr><td>Informasi apa yang kurang?</td><td></td><td></td></tr>"
                    "</tbody></table>"
                ),
                "materials": "Lembar tuntutan, lembar posisi manajemen (rahasia), data upah contoh, formulir risalah, meja untuk dua tim.",
                "handout": (
                    "<p>Perundingan yang berhasil lebih banyak ditentukan oleh persiapan daripada oleh kepandaian berbicara. "
                    "Tim perunding serikat menyiapkan tiga hal. Pertama, <strong>data</strong>: upah di pabrik dan di "
                    "pabrik sejenis, keuntungan atau pesanan perusahaan sejauh diketahui, jumlah pekerja kontrak, angka "
                    "kecelakaan kerja. Kedua, <strong>mandat</strong>: tuntutan yang disusun dari survei atau rapat "
                    "anggota, dengan urutan prioritas dan batas yang disepakati tim. Ketiga, <strong>dukungan</strong>: "
                    "anggota yang mengikuti jalannya perundingan dan siap menunjukkan dukungannya.</p>"
                    "<p>Di meja perundingan, bicaralah dengan satu suara: tentukan juru bicara, pencatat dan pengamat. "
                    "Ajukan alasan di balik setiap tuntutan, dengarkan alasan pengusaha, dan jangan menerima atau menolak "
                    "usulan penting tanpa berunding dulu di dalam tim. Minta jeda bila perlu; jeda adalah hak kedua "
                    "pihak.</p>"
                    "<p>Setelah setiap pertemuan, laporkan kepada anggota apa yang sudah dan belum dicapai. Anggota yang "
                    "mendapat kabar akan mendukung; anggota yang dibiarkan menebak-nebak akan mendengar kabar dari pihak "
                    "lain. Hasil akhir dituangkan dalam naskah PKB, ditandatangani kedua pihak, lalu didaftarkan.</p>"
                    "<h3>Daftar periksa tim perunding</h3>"
                    "<ul><li>Tuntutan tertulis dan urutan prioritasnya</li><li>Data pendukung setiap tuntutan</li>"
                    "<li>Pembagian peran: juru bicara, pencatat, pengamat</li><li>Batas yang disepakati tim</li>"
                    "<li>Rencana laporan kepada anggota</li></ul>"
                ),
                "notes": (
                    "<p>Batas rahasia tim manajemen: kenaikan upah sampai 5 %, pengangkatan pekerja kontrak bertahap dalam "
                    "dua tahun, ruang laktasi disetujui. Jangan bocorkan sebelum evaluasi.</p>"
                    "<p>Dalam evaluasi, hubungkan pengalaman simulasi dengan rencana tindak lanjut: apa yang perlu disiapkan "
                    "PUK sebelum perundingan PKB berikutnya?</p>"
                ),
                "questions": [
                    {
                        "kind": "open",
                        "text": "Sebutkan tiga hal yang perlu disiapkan tim perunding serikat sebelum perundingan PKB.",
                        "options": [],
                        "answer": "Data (upah, pekerja kontrak, kecelakaan kerja), mandat anggota dengan urutan prioritas dan batas, dan dukungan anggota; juga pembagian peran dalam tim.",
                    }
                ],
            },
        ],
    }
)

FOA["modules"].append(
    {
        "title": "Membangun Kekuatan di Tempat Kerja",
        "introduction": (
            "<p>Modul terakhir mengubah pengetahuan menjadi rencana. Peserta membahas cara menjangkau pekerja kontrak "
            "dan alih daya, memetakan tempat kerja mereka, dan menyusun rencana tindak lanjut yang bisa dipantau "
            "bersama PC dan pelatih.</p>"
        ),
        "sessions": [
            {
                "title": "Menjangkau pekerja kontrak dan alih daya",
                "objectives": [4],
                "minutes": 90,
                "method": "case_study",
                "activities": (
                    "<ol><li>Fasilitator membacakan kisah Rina (lihat buku peserta), operator kontrak di pabrik elektronik "
                    "yang ingin bergabung tetapi takut kontraknya tidak diperpanjang (10 menit).</li>"
                    "<li>Kelompok menjawab: apa ketakutan Rina? apa yang bisa dilakukan PUK agar Rina aman bergabung? "
                    "siapa di PUK yang paling tepat mendekatinya? (30 menit)</li>"
                    "<li>Kelompok menyusun tiga pesan singkat untuk pekerja kontrak dan alih daya, masing-masing tidak "
                    "lebih dari dua kalimat, yang bisa dikirim lewat WhatsApp atau disampaikan saat istirahat (20 menit).</li>"
                    "<li>Pleno dan pemungutan suara pesan terbaik (30 menit).</li></ol>"
                ),
                "materials": "Kisah Rina (buku peserta), kartu pesan, spidol, stiker bulat untuk memilih.",
                "handout": (
                    "<p>Di banyak pabrik sebagian besar pekerja di lini produksi berstatus pekerja kontrak (perjanjian "
                    "kerja waktu tertentu, PKWT) atau pekerja alih daya dari perusahaan penyedia jasa. Mereka sering "
                    "paling membutuhkan serikat dan paling takut bergabung, karena kontrak yang tidak diperpanjang mudah "
                    "dijadikan hukuman tanpa alasan tertulis.</p>"
                    "<p>Hukum tetap melindungi mereka. Hak berserikat berlaku bagi setiap pekerja (UU 21/2000 Pasal 5), dan "
                    "Pasal 28 melarang menghalangi pekerja masuk serikat, termasuk lewat ancaman tidak memperpanjang kontrak. "
                    "PKWT hanya boleh untuk pekerjaan yang sifatnya sementara, bukan pekerjaan yang bersifat tetap; "
                    "menurut PP 35/2021 jangka waktunya paling lama 5 tahun termasuk perpanjangan, dan ketika PKWT berakhir "
                    "pengusaha wajib membayar uang kompensasi. Pekerja alih daya dilindungi oleh perjanjian kerja dengan "
                    "perusahaan penyedia, yang tetap tunduk pada upah minimum, jaminan sosial dan K3.</p>"
                    "<h3>Kisah Rina</h3>"
                    "<p><em>Rina sudah dua tahun menjadi operator kontrak di bagian perakitan. Kontraknya diperpanjang "
                    "setiap enam bulan. Ia tahu rekannya yang tetap mendapat tunjangan masa kerja dari PKB, sedangkan ia "
                    "tidak. Ketika diajak ke rapat PUK, supervisornya berkata: \u201cKamu kan mau diperpanjang, "
                    "kan?\u201d Sejak itu Rina diam.</em></p>"
                    "<h3>Yang terbukti membantu</h3>"
                    "<ul><li><strong>Pendekatan sebaya:</strong> pekerja kontrak lebih percaya kepada sesama pekerja kontrak "
                    "yang sudah menjadi anggota.</li>"
                    "<li><strong>Perlindungan bersama:</strong> PUK mencatat setiap kontrak yang tidak diperpanjang dan "
                    "membandingkan anggota dengan bukan anggota; pola diskriminasi menjadi bukti.</li>"
                    "<li><strong>Tuntutan yang menyentuh mereka:</strong> pengangkatan menjadi pekerja tetap, uang "
                    "kompensasi PKWT, kepastian BPJS, masuk dalam PKB.</li>"
                    "<li><strong>Pertemuan yang mudah dijangkau:</strong> singkat, sesudah pergantian sif, di dekat pabrik, "
                    "dan lewat grup WhatsApp yang dijaga pengurus.</li></ul>"
                    "<h3>Contoh percakapan pertama</h3>"
                    "<p>Percakapan pertama sebaiknya dimulai dengan mendengar, bukan dengan membujuk. Contoh alurnya:</p>"
                    "<ol>"
                    "<li><strong>Sapa dan kenali:</strong> “Sudah berapa lama di perakitan? Kontraknya sampai kapan?”</li>"
                    "<li><strong>Dengarkan keluhan:</strong> “Apa yang paling berat di sini?” Biarkan ia bercerita.</li>"
                    "<li><strong>Hubungkan dengan serikat:</strong> “Masalah itu juga dialami teman-teman lain. Serikat sedang memperjuangkan pengangkatan di PKB berikutnya.”</li>"
                    "<li><strong>Jawab ketakutan:</strong> “Menghalangi orang masuk serikat itu pidana. Kalau ada yang ditekan, kami catat dan kami bela bersama.”</li>"
                    "<li><strong>Ajak satu langkah kecil:</strong> “Minggu ini ada pertemuan singkat sesudah sif 1 di warung depan. Datang saja dulu, dengar-dengar.”</li>"
                    "</ol><p>Jangan menjanjikan hal yang tidak bisa dipastikan, seperti “pasti diangkat”. Kepercayaan yang rusak karena janji kosong sulit dipulihkan.</p>"
                ),
                "notes": (
                    "<p>Usahakan ada peserta pekerja kontrak atau alih daya dalam setiap kelompok; pendapat mereka lebih "
                    "penting daripada pendapat pengurus dalam sesi ini. Bila tidak ada, minta pengurus membayangkan "
                    "menjadi Rina dan menjawab dari sudut pandangnya.</p>"
                ),
                "questions": [
                    {
                        "kind": "true_false",
                        "text": "Pengusaha boleh memakai PKWT untuk pekerjaan yang bersifat tetap asalkan kontraknya diperpanjang setiap tahun.",
                        "options": ["Benar", "Salah"],
                        "answer": "Salah. PKWT hanya untuk pekerjaan yang sifatnya sementara atau selesai dalam waktu tertentu.",
                    },
                    {
                        "kind": "open",
                        "text": "Tulis satu pesan singkat (paling banyak dua kalimat) untuk mengajak pekerja kontrak bergabung dengan serikat.",
                        "options": [],
                        "answer": "Pesan yang baik menyebut manfaat nyata (misalnya pengangkatan, kompensasi PKWT) dan menenangkan ketakutan (serikat mencatat dan membela bila kontrak tidak diperpanjang karena bergabung).",
                    },
                ],
            },
            {
                "title": "Memetakan tempat kerja",
                "objectives": [4, 5],
                "minutes": 90,
                "method": "field_visit",
                "activities": (
                    "<ol><li>Setiap PUK menggambar denah sederhana tempat kerjanya di plano: bagian-bagian, lini, sif, "
                    "kantin, pintu masuk (20 menit).</li>"
                    "<li>Dengan stiker berwarna, tandai di setiap bagian: jumlah pekerja, berapa yang anggota, berapa pekerja "
                    "kontrak dan alih daya, siapa tokoh yang dipercaya rekan-rekannya (30 menit).</li>"
                    "<li>Bila pelatihan diadakan di dekat pabrik, lakukan jalan keliling singkat pada jam istirahat untuk "
                    "mencocokkan peta dengan kenyataan.</li>"
                    "<li>Kelompok saling mengunjungi peta (galeri) dan memberi satu saran dengan kertas tempel (20 menit).</li>"
                    "<li>Setiap PUK memilih dua bagian yang akan menjadi prioritas perekrutan (20 menit).</li></ol>"
                ),
                "materials": "Plano, stiker bulat tiga warna, kertas tempel, spidol; izin masuk kawasan bila jalan keliling.",
                "handout": (
                    "<p>Peta tempat kerja adalah alat sederhana untuk melihat kekuatan dan kelemahan serikat dengan jujur. "
                    "Peta menunjukkan bagian mana yang sudah kuat, bagian mana yang belum tersentuh, dan di mana pekerja "
                    "kontrak dan alih daya terkumpul. Peta juga menunjukkan siapa pemimpin alami di setiap bagian: orang "
                    "yang didengar rekan-rekannya meskipun tidak punya jabatan.</p>"
                    "<p>Saat memetakan, catat juga hal-hal yang membuat pekerja sulit ikut kegiatan: jadwal sif, jarak "
                    "tempat tinggal, tanggungan keluarga, aturan perusahaan tentang izin. Informasi ini menentukan kapan "
                    "dan di mana pertemuan serikat sebaiknya diadakan.</p>"
                    "<table><thead><tr><th>Bagian</th><th>Pekerja</th><th>Anggota</th><th>Kontrak/alih daya</th><th>Tokoh</th></tr></thead><tbody>"
                    "<tr><td>Contoh: Perakitan A</td><td>120</td><td>45</td><td>70</td><td>Bu Sari (sif 1)</td></tr>"
                    "<tr><td>Contoh: Gudang</td><td>30</td><td>22</td><td>5</td><td>Pak Anton</td></tr>"
                    "</tbody></table>"
                    "<p>Peta bersifat rahasia serikat. Simpan di sekretariat, jangan difoto dengan nama lalu disebar, dan "
                    "perbarui setiap enam bulan atau setelah perubahan besar seperti penerimaan pekerja baru.</p>"
                    "<h3>Pertanyaan untuk percakapan pemetaan</h3>"
                    "<p>Peta yang baik tidak dibuat dari balik meja sekretariat, tetapi dari percakapan dengan pekerja di setiap bagian. Beberapa pertanyaan yang dapat dipakai koordinator bagian:</p>"
                    "<ol>"
                    "<li>Berapa orang bekerja di bagian ini pada setiap sif, dan berapa yang berstatus kontrak atau alih daya?</li>"
                    "<li>Siapa yang biasanya dimintai pendapat oleh rekan-rekan ketika ada masalah?</li>"
                    "<li>Masalah apa yang paling sering dibicarakan saat istirahat?</li>"
                    "<li>Kapan waktu yang paling mungkin untuk bertemu: sebelum sif, sesudah sif, atau hari libur?</li>"
                    "<li>Apakah ada rekan yang pernah ditekan karena bertanya tentang serikat?</li>"
                    "</ol><p>Catat jawaban dengan singkat dan simpan di sekretariat. Dalam enam bulan, bandingkan peta lama dan peta baru: bagian mana yang keanggotaannya naik, dan apa yang dilakukan di sana? Pelajaran itu dapat dipakai di bagian lain.</p>"
                ),
                "notes": (
                    "<p>Jalan keliling hanya dilakukan bila aman dan diizinkan; bila tidak, cukup pemetaan di ruangan. "
                    "Ingatkan peserta untuk tidak menulis nama lengkap di peta yang dibawa pulang dari pelatihan.</p>"
                ),
                "questions": [
                    {
                        "kind": "open",
                        "text": "Sebutkan tiga hal yang dicatat dalam peta tempat kerja dan mengapa masing-masing penting.",
                        "options": [],
                        "answer": "Misalnya: jumlah pekerja dan anggota per bagian (melihat kekuatan), pekerja kontrak dan alih daya (sasaran perekrutan), tokoh yang dipercaya (siapa yang mendekati), jadwal sif (kapan bertemu).",
                    }
                ],
            },
            {
                "title": "Rencana tindak lanjut PUK",
                "objectives": [5],
                "minutes": 60,
                "method": "group_discussion",
                "activities": (
                    "<ol><li>Kembali ke plano curah pendapat hari pertama: apa yang ingin diubah peserta? (5 menit)</li>"
                    "<li>Setiap PUK mengisi tabel rencana di buku peserta: tiga kegiatan, penanggung jawab, waktu, dan "
                    "dukungan yang dibutuhkan dari PC atau federasi (30 menit).</li>"
                    "<li>Setiap PUK menyajikan rencananya dalam 3 menit; peserta lain memberi satu pertanyaan (20 menit).</li>"
                    "<li>Evaluasi pelatihan secara tertulis dan penutupan (5 menit).</li></ol>"
                ),
                "materials": "Tabel rencana tindak lanjut, lembar evaluasi pelatihan, kamera atau telepon untuk memotret rencana.",
                "handout": (
                    "<p>Pelatihan yang berhenti di ruang kelas tidak mengubah apa pun di pabrik. Rencana tindak lanjut "
                    "mengikat apa yang dipelajari selama tiga hari dengan kegiatan nyata dalam tiga bulan ke depan. "
                    "Rencana yang baik itu kecil dan jelas: lebih baik tiga kegiatan yang benar-benar dilakukan daripada "
                    "sepuluh yang terlupakan.</p>"
                    "<table><thead><tr><th>Kegiatan</th><th>Penanggung jawab</th><th>Kapan</th><th>Dukungan yang dibutuhkan</th></tr></thead><tbody>"
                    "<tr><td>Contoh: pertemuan pekerja kontrak bagian perakitan sesudah sif 1</td><td>Sekretaris PUK</td><td>Minggu ke-2</td><td>Materi dari pelatih PC</td></tr>"
                    "<tr><td></td><td></td><td></td><td></td></tr>"
                    "<tr><td></td><td></td><td></td><td></td></tr>"
                    "</tbody></table>"
                    "<p>Sebulan sesudah pelatihan, pelatih dan PC menghubungi setiap PUK untuk menanyakan kemajuan. Bila "
                    "ada bagian buku ini yang perlu diperbaiki atau ditambah, kirimkan masukan melalui pelatih Anda; "
                    "masukan dari lapangan dipakai untuk menyusun edisi berikutnya.</p>"
                ),
                "notes": (
                    "<p>Foto setiap rencana dan kirim ke PC pada hari yang sama. Catat dalam laporan pelatihan siapa yang "
                    "akan memantau setiap PUK.</p>"
                ),
                "questions": [
                    {
                        "kind": "open",
                        "text": "Apa satu kegiatan dari rencana tindak lanjut PUK Anda yang akan dilakukan dalam dua minggu pertama, dan siapa penanggung jawabnya?",
                        "options": [],
                        "answer": "Jawaban dinilai dari kejelasannya: kegiatan konkret, penanggung jawab bernama, waktu yang pasti.",
                    }
                ],
            },
        ],
    }
)

# Two sessions the follow-up meeting added: internal democracy (module 1) and the right to strike
# (module 3). They come last in their modules so that the meeting inputs keep their places.
FOA["modules"][0]["sessions"].append(
    {
        "title": "Serikat yang demokratis: hak dan kewajiban anggota",
        "objectives": [0, 5],
        "minutes": 60,
        "method": "group_discussion",
        "activities": (
            "<ol><li>Fasilitator membagikan kartu berisi pernyataan, misalnya \u201canggota berhak meminta laporan "
            "keuangan\u201d, \u201cpengurus boleh memutuskan PKB tanpa rapat anggota\u201d, \u201canggota wajib "
            "membayar iuran\u201d. Kelompok memilah kartu menjadi hak anggota, kewajiban anggota, dan yang keliru "
            "(20 menit).</li>"
            "<li>Kelompok membuka AD/ART serikat mereka dan mencari pasal yang mengatur: rapat anggota, pemilihan "
            "pengurus, laporan keuangan, sanksi bagi anggota (20 menit).</li>"
            "<li>Pleno: <strong>kapan terakhir PUK Anda mengadakan rapat anggota? Apa yang diputuskan di sana?"
            "</strong> Catat jawaban di plano (20 menit).</li></ol>"
        ),
        "materials": "Kartu pernyataan, AD/ART serikat peserta (minimal satu per kelompok), plano, spidol.",
        "handout": (
            "<p>UU 21/2000 menuntut serikat pekerja bersifat bebas, terbuka, mandiri, demokratis dan bertanggung "
            "jawab. Demokratis berarti keputusan penting diambil oleh anggota atau wakil-wakil yang mereka pilih, "
            "pengurus dipilih secara berkala menurut AD/ART, dan setiap anggota mempunyai hak suara yang sama. "
            "Bertanggung jawab berarti pengurus mempertanggungjawabkan kegiatan dan keuangan serikat kepada "
            "anggota.</p>"
            "<p>Hak anggota biasanya meliputi: hak bicara dan hak suara dalam rapat, hak memilih dan dipilih menjadi "
            "pengurus, hak mendapat pembelaan dan pendampingan, hak mendapat pendidikan, dan hak meminta "
            "pertanggungjawaban pengurus, termasuk laporan keuangan. Kewajiban anggota meliputi: mematuhi AD/ART "
            "dan keputusan organisasi, membayar iuran, menjaga nama baik dan persatuan organisasi, dan aktif dalam "
            "kegiatan serikat. Rincian yang berlaku untuk Anda ada dalam AD/ART serikat Anda sendiri; bacalah, "
            "karena AD/ART adalah \u201cundang-undang\u201d organisasi.</p>"
            "<p>Serikat yang demokratis lebih kuat menghadapi pengusaha. Anggota yang ikut memutuskan tuntutan PKB "
            "akan ikut memperjuangkannya; anggota yang hanya diberi tahu hasilnya akan mudah kecewa. Pengurus yang "
            "terbuka soal keuangan akan dipercaya anggota untuk menaikkan iuran atau membentuk dana perjuangan. "
            "Sebaliknya, serikat yang dikuasai segelintir orang mudah dipecah: cukup satu orang dibujuk, "
            "seluruh organisasi lumpuh.</p>"
            "<h3>Kebiasaan yang menjaga demokrasi di PUK</h3>"
            "<ul><li>Rapat anggota atau rapat perwakilan bagian diadakan secara teratur, dengan undangan tertulis "
            "dan notulen.</li>"
            "<li>Laporan keuangan dibacakan atau ditempel di papan pengumuman serikat setiap periode yang ditentukan "
            "AD/ART.</li>"
            "<li>Tuntutan PKB disusun dari survei atau rapat anggota, bukan hanya dari pengurus.</li>"
            "<li>Pemilihan pengurus tepat waktu, dengan calon dari berbagai bagian, sif, dan dari pekerja "
            "perempuan dan pekerja muda.</li>"
            "<li>Setiap bagian mempunyai koordinator yang meneruskan kabar dari pengurus dan membawa keluhan "
            "anggota ke pengurus.</li></ul>"
        ),
        "notes": (
            "<p>Diskusi tentang rapat anggota bisa berubah menjadi kritik kepada pengurus PUK yang hadir. Arahkan ke "
            "perbaikan ke depan, bukan ke kesalahan masa lalu. Bila tidak ada AD/ART yang dibawa peserta, pakai "
            "AD/ART federasi yang disiapkan fasilitator.</p>"
        ),
        "questions": [
            {
                "kind": "open",
                "text": "Sebutkan dua hak dan dua kewajiban anggota serikat menurut AD/ART serikat Anda.",
                "options": [],
                "answer": (
                    "Misalnya hak memilih dan dipilih, hak mendapat pembelaan, hak meminta laporan keuangan; kewajiban "
                    "membayar iuran, mematuhi AD/ART dan keputusan organisasi. Dinilai apakah peserta merujuk ke AD/ART."
                ),
            },
            {
                "kind": "true_false",
                "text": "Pengurus PUK boleh menandatangani PKB baru tanpa pernah membicarakan tuntutannya dengan anggota.",
                "options": ["Benar", "Salah"],
                "answer": (
                    "Salah menurut prinsip serikat yang demokratis; tata cara persetujuan diatur AD/ART, dan PKB yang "
                    "disusun tanpa anggota lemah dukungannya."
                ),
            },
        ],
    }
)

FOA["modules"][2]["sessions"].append(
    {
        "title": "Mogok kerja: hak yang dilindungi dan syaratnya",
        "objectives": [1, 3],
        "minutes": 90,
        "method": "group_discussion",
        "activities": (
            "<h3>Bagian 1: apa yang kita ketahui (20 menit)</h3>"
            "<p>Curah pendapat: peserta menyebut apa yang mereka dengar tentang mogok kerja, baik yang benar maupun "
            "yang diragukan. Tulis di dua kolom: <strong>yakin</strong> dan <strong>ragu</strong>.</p>"
            "<h3>Bagian 2: menyusun surat pemberitahuan (40 menit)</h3>"
            "<p>Kelompok menyusun surat pemberitahuan mogok untuk kasus berikut: perundingan PKB gagal setelah "
            "pengusaha menolak membahas pengangkatan pekerja kontrak, dan risalah menyatakan perundingan buntu. "
            "Surat harus memuat semua unsur yang diwajibkan undang-undang.</p>"
            "<h3>Bagian 3: pemeriksaan silang (30 menit)</h3>"
            "<p>Kelompok bertukar surat dan memeriksanya dengan daftar periksa di buku peserta. Fasilitator menutup "
            "dengan menegaskan bahwa mogok adalah keputusan organisasi yang diambil bersama federasi, bukan "
            "keputusan perorangan.</p>"
        ),
        "materials": "Plano dua kolom, contoh risalah perundingan yang buntu, formulir surat kosong, daftar periksa.",
        "handout": (
            "<p>Mogok kerja adalah <strong>hak dasar</strong> pekerja dan serikat pekerja yang dilakukan secara sah, "
            "tertib dan damai sebagai akibat gagalnya perundingan (UU 13/2003 Pasal 137). Mogok bukan langkah pertama, "
            "melainkan jalan terakhir ketika perundingan tidak lagi membuahkan hasil; kekuatannya justru terletak "
            "pada kesiapan anggota, bukan pada seringnya dipakai.</p>"
            "<h3>Syarat mogok yang sah</h3>"
            "<p>Sekurang-kurangnya <strong>7 hari kerja</strong> sebelum mogok dilaksanakan, serikat wajib "
            "memberitahukan secara tertulis kepada pengusaha dan instansi ketenagakerjaan setempat (Pasal 140). "
            "Pemberitahuan itu sekurang-kurangnya memuat:</p>"
            "<ul><li>waktu (hari, tanggal dan jam) dimulai dan diakhirinya mogok;</li>"
            "<li>tempat mogok;</li>"
            "<li>alasan dan sebab-sebab mengapa mogok dilakukan;</li>"
            "<li>tanda tangan ketua dan sekretaris serikat sebagai penanggung jawab mogok.</li></ul>"
            "<p>Simpan tanda terima dari pengusaha dan dari dinas. Mogok yang tidak memenuhi syarat dapat dinilai "
            "tidak sah, dan akibatnya bisa merugikan anggota; karena itu libatkan PC dan bidang advokasi federasi "
            "sejak perundingan mulai buntu.</p>"
            "<h3>Perlindungan bagi yang mogok</h3>"
            "<p>Siapa pun tidak dapat menghalang-halangi pekerja dan serikat menggunakan hak mogok yang dilakukan "
            "secara sah, tertib dan damai (Pasal 143). Terhadap mogok yang sah, pengusaha dilarang mengganti pekerja "
            "yang mogok dengan pekerja lain dari luar perusahaan, dan dilarang memberikan sanksi atau tindakan "
            "balasan dalam bentuk apa pun kepada pekerja dan pengurus serikat selama dan sesudah mogok (Pasal 144).</p>"
            "<h3>Dana mogok</h3>"
            "<p>UU 13/2003 Pasal 104 membolehkan serikat menghimpun dan mengelola dana, termasuk dana mogok, yang "
            "besarnya dan cara pemungutannya diatur dalam AD/ART. Dana mogok membuat anggota sanggup bertahan; "
            "pengusaha yang tahu serikat punya dana mogok akan berunding lebih sungguh-sungguh.</p>"
            "<table><thead><tr><th>Daftar periksa</th><th>Ya</th><th>Belum</th></tr></thead><tbody>"
            "<tr><td>Risalah perundingan yang menyatakan buntu</td><td></td><td></td></tr>"
            "<tr><td>Keputusan organisasi dan koordinasi dengan PC/federasi</td><td></td><td></td></tr>"
            "<tr><td>Surat pemberitahuan 7 hari kerja sebelumnya, ke pengusaha dan dinas</td><td></td><td></td></tr>"
            "<tr><td>Waktu mulai dan selesai, tempat, alasan, tanda tangan ketua dan sekretaris</td><td></td><td></td></tr>"
            "<tr><td>Rencana ketertiban, logistik dan komunikasi dengan anggota</td><td></td><td></td></tr>"
            "</tbody></table>"
        ),
        "notes": (
            "<p>Sesi ini tidak bertujuan mendorong mogok, melainkan memastikan pengurus tahu syaratnya agar anggota "
            "terlindungi. Bila peserta bertanya tentang upah selama mogok atau akibat mogok yang dinilai tidak sah, "
            "jelaskan bahwa aturannya rinci dan sering diperselisihkan; arahkan ke LBH serikat dan jangan memberi "
            "janji.</p>"
        ),
        "questions": [
            {
                "kind": "choice",
                "text": "Paling lambat kapan pemberitahuan tertulis mogok kerja disampaikan kepada pengusaha dan dinas?",
                "options": [
                    "1 hari kerja sebelumnya",
                    "3 hari kerja sebelumnya",
                    "7 hari kerja sebelumnya",
                    "30 hari kerja sebelumnya",
                ],
                "answer": "Sekurang-kurangnya 7 hari kerja sebelum mogok dilaksanakan (UU 13/2003 Pasal 140).",
            },
            {
                "kind": "true_false",
                "text": "Selama mogok yang sah, pengusaha boleh mendatangkan pekerja dari luar perusahaan untuk menggantikan pekerja yang mogok.",
                "options": ["Benar", "Salah"],
                "answer": "Salah. Pasal 144 UU 13/2003 melarangnya.",
            },
        ],
    }
)

# --- 2. Keselamatan dan Kesehatan Kerja (K3) ------------------------------------------------------

OSH = {
    "code": "K3-01",
    "title": "Keselamatan dan Kesehatan Kerja: Pulang dengan Selamat Setiap Hari",
    "theme": "osh",
    "audience": (
        "Anggota PUK, wakil serikat di P2K3 dan pekerja di lini produksi; pelatihan satu hari yang dapat dipecah "
        "menjadi sesi pendek pada pergantian sif."
    ),
    # The follow-up meeting agreed on one training day of eight hours; the walk-through grew to two
    # hours afterwards, so the sessions now add up to 510 minutes (an alignment finding on purpose).
    "stated_minutes": 480,
    "summary": (
        "<p>Paket ini membantu pekerja dan pengurus mengenali bahaya di tempat kerja, memakai hak K3 yang dijamin "
        "undang-undang, terlibat dalam P2K3, dan bertindak cepat ketika terjadi kecelakaan kerja. Contoh dan latihan "
        "diambil dari sektor logam, elektronik, otomotif, garmen dan kesehatan.</p>"
    ),
    "objectives": [
        "Menjelaskan hak dan kewajiban K3 pekerja dan pengusaha menurut UU 1/1970 dan UU 13/2003.",
        "Mengenali bahaya di tempat kerja dan menilai risikonya bersama rekan kerja.",
        "Menjelaskan peran P2K3 dan SMK3 serta cara wakil serikat terlibat di dalamnya.",
        "Melaporkan kecelakaan kerja dan nyaris celaka, termasuk laporan 2x24 jam dan klaim JKK.",
        "Menyusun tuntutan K3 untuk perjanjian kerja bersama.",
    ],
    "terms": [
        {
            "term": "K3",
            "definition": "Keselamatan dan kesehatan kerja: upaya melindungi pekerja dari kecelakaan kerja dan penyakit akibat kerja.",
            "variants": ["HSE", "K-3"],
        },
        {
            "term": "alat pelindung diri",
            "definition": "APD: alat yang dipakai pekerja untuk melindungi diri dari bahaya, diberikan pengusaha tanpa biaya.",
            "variants": ["alat keselamatan diri", "PPE"],
        },
        {
            "term": "nyaris celaka",
            "definition": "Kejadian yang hampir menimbulkan cedera atau kerusakan; tanda bahaya yang harus dilaporkan.",
            "variants": ["near miss", "hampir celaka"],
        },
        {
            "term": "P2K3",
            "definition": "Panitia Pembina Keselamatan dan Kesehatan Kerja di perusahaan, tempat wakil pekerja dan pengusaha bekerja sama.",
            "variants": ["komite K3", "panitia K3"],
        },
        {
            "term": "penyakit akibat kerja",
            "definition": "PAK: penyakit yang disebabkan oleh pekerjaan atau lingkungan kerja.",
            "variants": ["penyakit kerja"],
        },
    ],
    "implementation_guide": (
        "<h3>Persiapan</h3>"
        "<p>Hubungi wakil serikat di P2K3 sebelum pelatihan dan minta data kecelakaan kerja setahun terakhir di pabrik, "
        "tanpa nama korban. Bila ada ahli K3 di federasi atau PC, undang sebagai narasumber sesi P2K3.</p>"
        "<h3>Ruang dan waktu</h3>"
        "<p>Satu hari penuh di ruang pertemuan dekat pabrik, atau tujuh sesi pendek sesudah pergantian sif. Sesi jalan "
        "keliling membutuhkan izin masuk area produksi; bila tidak diizinkan, pakai foto tempat kerja yang diambil "
        "anggota dengan aman.</p>"
        "<h3>Tips fasilitasi</h3>"
        "<ul><li>Mulai dari tubuh dan pengalaman peserta, bukan dari pasal-pasal.</li>"
        "<li>Jangan menyalahkan korban: kecelakaan adalah kegagalan sistem, bukan kecerobohan satu orang.</li>"
        "<li>Bedakan bahaya (sumber) dan risiko (kemungkinan dan akibatnya).</li></ul>"
        "<h3>Tindak lanjut</h3>"
        "<p>Hasil peta bahaya diserahkan ke wakil serikat di P2K3 untuk dibahas di rapat berikutnya. Pantau dalam tiga "
        "bulan: bahaya mana yang sudah dikendalikan?</p>"
    ),
    "modules": [
        {
            "title": "Dasar-dasar K3",
            "introduction": "<p>Mengapa K3 adalah hak, dan apa yang dijamin undang-undang bagi setiap pekerja.</p>",
            "sessions": [
                {
                    "title": "Hak untuk bekerja dengan selamat",
                    "objectives": [0],
                    "minutes": 60,
                    "method": "interactive_talk",
                    "activities": (
                        "<ol><li>Pembuka: peserta menyebut satu kejadian kecelakaan atau nyaris celaka yang pernah mereka lihat.</li>"
                        "<li>Fasilitator menjelaskan hak dan kewajiban menurut UU 1/1970 dengan tabel di buku peserta.</li>"
                        "<li>Diskusi: hak mana yang paling sering tidak dipenuhi di pabrik peserta?</li></ol>"
                    ),
                    "materials": "Buku peserta, plano, spidol.",
                    "handout": (
                        "<p><strong>UU 1/1970 tentang keselamatan kerja</strong> adalah dasar K3 di Indonesia. Pengusaha "
                        "wajib menjelaskan bahaya dan cara kerja aman kepada setiap pekerja baru (Pasal 9), membentuk P2K3 "
                        "(Pasal 10), melaporkan setiap kecelakaan kerja (Pasal 11), dan menyediakan alat pelindung diri "
                        "secara cuma-cuma (Pasal 14). Pekerja berhak menyatakan keberatan bekerja bila syarat K3 dan alat "
                        "pelindung diri yang diwajibkan tidak dipenuhi (Pasal 12).</p>"
                        "<p><strong>UU 13/2003</strong> menegaskan bahwa setiap pekerja berhak memperoleh perlindungan atas "
                        "keselamatan dan kesehatan kerja (Pasal 86), dan perusahaan wajib menerapkan sistem manajemen K3 "
                        "(Pasal 87), yang diatur lebih lanjut dalam PP 50/2012.</p>"
                        "<table><thead><tr><th>Pengusaha wajib</th><th>Pekerja berhak</th></tr></thead><tbody>"
                        "<tr><td>Menjelaskan bahaya kepada pekerja baru</td><td>Mendapat penjelasan dan pelatihan</td></tr>"
                        "<tr><td>Menyediakan alat pelindung diri gratis</td><td>Menolak bekerja bila syarat K3 tidak dipenuhi</td></tr>"
                        "<tr><td>Membentuk P2K3 dan menerapkan SMK3</td><td>Diwakili dalam P2K3</td></tr>"
                        "<tr><td>Melaporkan kecelakaan kerja</td><td>Mendapat manfaat JKK dari BPJS Ketenagakerjaan</td></tr>"
                        "</tbody></table>"
                    ),
                    "notes": "<p>Catat kejadian yang disebut peserta; akan dipakai lagi di sesi pelaporan.</p>",
                    "questions": [
                        {
                            "kind": "true_false",
                            "text": "Pengusaha boleh memotong upah pekerja untuk membeli alat pelindung diri.",
                            "options": ["Benar", "Salah"],
                            "answer": "Salah. UU 1/1970 Pasal 14 mewajibkan pengusaha menyediakannya secara cuma-cuma.",
                        }
                    ],
                },
                {
                    "title": "Peta tubuh dan peta bahaya",
                    "objectives": [1],
                    "minutes": 90,
                    "method": "brainstorm",
                    "activities": (
                        "<ol><li>Gambar siluet tubuh di plano. Peserta menempelkan stiker merah di bagian tubuh yang sakit "
                        "atau cedera karena pekerjaan (20 menit).</li>"
                        "<li>Kelompok per bagian kerja menggambar denah dan menandai sumber bahaya: fisik, kimia, biologi, "
                        "ergonomi, psikososial, mekanik, listrik (40 menit).</li>"
                        "<li>Pleno: hubungkan peta tubuh dengan peta bahaya (30 menit).</li></ol>"
                    ),
                    "materials": "Plano dengan siluet tubuh, stiker merah, spidol berwarna.",
                    "handout": (
                        "<p>Bahaya adalah segala sesuatu yang dapat menimbulkan cedera atau penyakit: mesin tanpa pelindung, "
                        "bising, debu logam, uap pelarut, beban yang diangkat berulang-ulang, sif malam yang panjang, atau "
                        "target yang terus dinaikkan. Risiko adalah seberapa mungkin bahaya itu mencelakai dan seberapa parah "
                        "akibatnya.</p>"
                        "<p>Peta tubuh membantu melihat penyakit akibat kerja yang sering dianggap biasa: nyeri punggung di "
                        "gudang, nyeri pergelangan tangan di lini jahit, gangguan pendengaran di bagian pres. Bila banyak "
                        "orang di satu bagian mengeluhkan hal yang sama, itu bukan kebetulan.</p>"
                        "<ul><li><strong>Fisik:</strong> bising, panas, getaran, pencahayaan</li>"
                        "<li><strong>Kimia:</strong> pelarut, debu, asap las</li>"
                        "<li><strong>Biologi:</strong> virus dan bakteri, terutama di sektor kesehatan</li>"
                        "<li><strong>Ergonomi:</strong> posisi kerja, beban angkat, gerakan berulang</li>"
                        "<li><strong>Psikososial:</strong> target berlebihan, kekerasan, jam kerja panjang</li></ul>"
                    ),
                    "notes": "<p>Di kelompok sektor kesehatan, tekankan bahaya biologi dan kekerasan dari pasien atau keluarga pasien.</p>",
                    "questions": [
                        {
                            "kind": "open",
                            "text": "Sebutkan dua bahaya di bagian kerja Anda dan jenisnya.",
                            "options": [],
                            "answer": "Misalnya: bising mesin pres (fisik), asap las (kimia), mengangkat gulungan kain (ergonomi).",
                        }
                    ],
                },
            ],
        },
        {
            "title": "Mengenali dan mengendalikan bahaya",
            "introduction": "<p>Dari peta ke tindakan: memeriksa tempat kerja, memilih pengendalian yang tepat, dan bekerja lewat P2K3.</p>",
            "sessions": [
                {
                    "title": "Jalan keliling tempat kerja",
                    "objectives": [1],
                    "minutes": 120,
                    "method": "field_visit",
                    "activities": (
                        "<ol><li>Bagi peserta menjadi tim tiga orang dengan daftar periksa.</li>"
                        "<li>Setiap tim memeriksa satu bagian selama 45 menit: mesin, jalur evakuasi, APAR, kotak P3K, "
                        "pemakaian alat pelindung diri, ventilasi.</li>"
                        "<li>Kembali ke ruang: setiap tim mengisi tabel temuan dan menilai risikonya tinggi, sedang atau rendah.</li></ol>"
                    ),
                    "materials": "Daftar periksa, papan klip, izin masuk area produksi, alat pelindung diri untuk peserta.",
                    "handout": (
                        "<p>Pemeriksaan oleh pekerja sendiri sering menemukan hal yang terlewat oleh pemeriksaan resmi, "
                        "karena pekerjalah yang tahu bagaimana pekerjaan sebenarnya dilakukan, termasuk jalan pintas yang "
                        "diambil ketika target mendesak.</p>"
                        "<table><thead><tr><th>Temuan</th><th>Lokasi</th><th>Risiko</th><th>Usulan</th></tr></thead><tbody>"
                        "<tr><td>Contoh: pelindung mesin pres dilepas</td><td>Pres 3</td><td>Tinggi</td><td>Pasang kembali, kunci</td></tr>"
                        "<tr><td></td><td></td><td></td><td></td></tr>"
                        "</tbody></table>"
                    ),
                    "notes": "<p>Jangan biarkan tim masuk area berbahaya tanpa pendamping dari perusahaan.</p>",
                    "questions": [
                        {
                            "kind": "open",
                            "text": "Apa temuan paling berisiko dari jalan keliling tim Anda, dan mengapa?",
                            "options": [],
                            "answer": "Dinilai dari kemampuan menjelaskan kemungkinan dan keparahan akibatnya.",
                        }
                    ],
                },
                {
                    "title": "Hierarki pengendalian dan alat pelindung diri",
                    "objectives": [1, 0],
                    "minutes": 60,
                    "method": "group_discussion",
                    "activities": (
                        "<ol><li>Fasilitator menjelaskan lima tingkat hierarki pengendalian.</li>"
                        "<li>Kelompok mengambil tiga temuan dari jalan keliling dan mengusulkan pengendalian setinggi mungkin "
                        "untuk masing-masing.</li></ol>"
                    ),
                    "materials": "Gambar piramida hierarki pengendalian, temuan jalan keliling.",
                    "handout": (
                        "<p>Tidak semua pengendalian sama kuatnya. Urutannya dari yang paling efektif:</p>"
                        "<ol><li><strong>Eliminasi:</strong> menghilangkan bahayanya.</li>"
                        "<li><strong>Substitusi:</strong> mengganti bahan atau proses dengan yang kurang berbahaya.</li>"
                        "<li><strong>Rekayasa teknik:</strong> pelindung mesin, ventilasi, peredam bising.</li>"
                        "<li><strong>Administratif:</strong> rotasi kerja, istirahat, prosedur, rambu.</li>"
                        "<li><strong>Alat pelindung diri:</strong> pilihan terakhir, bukan yang pertama.</li></ol>"
                        "<p>Alat pelindung diri penting, tetapi bila perusahaan hanya membagikan masker dan sumbat telinga "
                        "tanpa mengurangi debu dan bising di sumbernya, bahayanya tetap ada.</p>"
                    ),
                    "notes": "<p>Peserta sering langsung mengusulkan APD; tanyakan selalu: bisakah bahayanya dihilangkan?</p>",
                    "questions": [
                        {
                            "kind": "choice",
                            "text": "Manakah pengendalian yang paling efektif?",
                            "options": ["Alat pelindung diri", "Rambu peringatan", "Eliminasi bahaya", "Rotasi kerja"],
                            "answer": "Eliminasi bahaya.",
                        }
                    ],
                },
                {
                    "title": "P2K3 dan SMK3: tempat suara pekerja",
                    "objectives": [2],
                    "minutes": 60,
                    "method": "case_study",
                    "activities": (
                        "<p>Kelompok membaca kasus pabrik elektronik dengan 600 pekerja yang P2K3-nya hanya berisi staf "
                        "manajemen, lalu menyusun surat PUK yang meminta wakil pekerja dimasukkan.</p>"
                    ),
                    "materials": "Lembar kasus, contoh surat PUK.",
                    "handout": (
                        "<p>P2K3 wajib dibentuk di tempat kerja dengan <strong>100 pekerja atau lebih</strong>, atau yang "
                        "memiliki risiko bahaya tinggi. Ketentuannya kini diatur dalam Permenaker 13/2025 tentang P2K3, "
                        "menggantikan Permenaker 04/1987. Menurut aturan lama, P2K3 diketuai pimpinan perusahaan, "
                        "sekretarisnya ahli K3, dan P2K3 melapor ke dinas ketenagakerjaan sekurang-kurangnya setiap tiga "
                        "bulan.</p>"
                        "<p>Sistem manajemen K3 (SMK3) menurut <strong>PP 50/2012</strong> wajib bagi perusahaan dengan "
                        "100 pekerja atau lebih, atau dengan potensi bahaya tinggi. Wakil serikat di P2K3 membawa temuan "
                        "anggota ke rapat, meminta data kecelakaan, dan melaporkan kembali kepada anggota.</p>"
                    ),
                    "notes": "<p>Periksa apakah Permenaker 13/2025 mengubah susunan P2K3 sebelum membawakan sesi ini.</p>",
                    "questions": [
                        {
                            "kind": "choice",
                            "text": "P2K3 wajib dibentuk di tempat kerja dengan paling sedikit berapa pekerja?",
                            "options": ["25", "50", "100", "500"],
                            "answer": "100 pekerja, atau di tempat kerja berisiko tinggi berapa pun jumlah pekerjanya.",
                        }
                    ],
                },
            ],
        },
        {
            "title": "Bertindak ketika terjadi kecelakaan",
            "introduction": "<p>Apa yang harus terjadi dalam 48 jam pertama sesudah kecelakaan, dan bagaimana K3 masuk ke PKB.</p>",
            "sessions": [
                {
                    "title": "Laporan kecelakaan 2x24 jam dan klaim JKK",
                    "objectives": [3],
                    "minutes": 60,
                    "method": "simulation",
                    "activities": (
                        "<ol><li>Simulasi: seorang operator terjepit mesin pada sif malam. Kelompok menyusun urutan tindakan "
                        "48 jam pertama di papan waktu.</li>"
                        "<li>Kelompok mengisi contoh formulir laporan kecelakaan tahap I.</li>"
                        "<li>Diskusi: mengapa setiap near miss juga perlu dicatat?</li></ol>"
                    ),
                    "materials": "Papan waktu 48 jam, contoh formulir laporan kecelakaan, kartu tindakan.",
                    "handout": (
                        "<p>Setiap kecelakaan kerja wajib dilaporkan oleh pengusaha kepada dinas ketenagakerjaan dan BPJS "
                        "Ketenagakerjaan <strong>paling lambat 2x24 jam</strong> (UU 1/1970 Pasal 11; Permenaker 03/1998; "
                        "Permenaker 5/2021 untuk program JKK). Laporan JKK dibuat dua tahap: tahap I dalam 2x24 jam sejak "
                        "kecelakaan, tahap II dalam 2x24 jam sejak ada surat keterangan dokter tentang akibatnya.</p>"
                        "<p>Jaminan Kecelakaan Kerja (JKK) dibayar sepenuhnya oleh pengusaha, 0,24 % sampai 1,74 % dari upah "
                        "sebulan menurut tingkat risiko, dan juga melindungi kecelakaan dalam perjalanan dari rumah ke tempat "
                        "kerja dan sebaliknya. PUK memastikan laporan benar-benar dibuat dan salinannya diterima korban.</p>"
                    ),
                    "notes": "<p>Tekankan bahwa pekerja kontrak dan alih daya juga harus terdaftar dan dilaporkan.</p>",
                    "questions": [
                        {
                            "kind": "choice",
                            "text": "Paling lambat kapan kecelakaan kerja dilaporkan ke dinas dan BPJS Ketenagakerjaan?",
                            "options": ["1x24 jam", "2x24 jam", "7 hari", "30 hari"],
                            "answer": "2x24 jam.",
                        }
                    ],
                },
                {
                    "title": "K3 dalam perjanjian kerja bersama",
                    "objectives": [4],
                    "minutes": 60,
                    "method": "group_discussion",
                    "activities": (
                        "<p>Kelompok membaca pasal K3 dalam PKB pabrik masing-masing dan menyusun tiga usulan perbaikan "
                        "berdasarkan peta bahaya dan jalan keliling.</p>"
                    ),
                    "materials": "Salinan pasal K3 dari PKB peserta, hasil peta bahaya.",
                    "handout": (
                        "<p>PKB dapat memuat K3 lebih baik dari undang-undang: hak menolak pekerjaan berbahaya tanpa sanksi, "
                        "jumlah wakil serikat di P2K3, pemeriksaan kesehatan berkala yang hasilnya diterima pekerja, "
                        "penggantian upah penuh selama pemulihan, dan pelatihan K3 di jam kerja.</p>"
                    ),
                    "notes": "<p>Pertanyaan penilaian sesi ini belum disusun; kelompok produksi akan melengkapinya.</p>",
                    "questions": [],
                },
            ],
        },
    ],
}

# --- 3. Kesetaraan Gender dan Inklusi ---------------------------------------------------------------

GENDER = {
    "code": "KG-01",
    "title": "Kesetaraan Gender dan Inklusi di Tempat Kerja dan di Serikat",
    "theme": "gender",
    "audience": (
        "Anggota dan pengurus PUK, terutama bidang perempuan dan pekerja muda; laki-laki dan perempuan bersama-sama "
        "dalam satu kelas."
    ),
    "stated_minutes": 510,
    "summary": (
        "<p>Paket ini mengajak anggota laki-laki dan perempuan melihat bagaimana gender membentuk pengalaman kerja: "
        "siapa yang ditempatkan di bagian mana, siapa yang dibayar berapa, siapa yang mengalami pelecehan, dan siapa "
        "yang duduk di kepengurusan. Peserta belajar hak maternitas, perlindungan dari kekerasan seksual, hak pekerja "
        "penyandang disabilitas, dan langkah-langkah agar serikat lebih inklusif.</p>"
    ),
    "objectives": [
        "Membedakan jenis kelamin dan gender serta mengenali diskriminasi di tempat kerja.",
        "Menjelaskan hak maternitas pekerja perempuan dan perlindungannya dari PHK.",
        "Mengenali kekerasan seksual di dunia kerja dan jalur penanganannya menurut UU 12/2022.",
        "Menjelaskan hak pekerja penyandang disabilitas dan kelompok rentan lainnya.",
        "Merancang langkah agar serikat lebih inklusif: kepengurusan, waktu rapat dan tuntutan PKB.",
    ],
    "terms": [
        {
            "term": "gender",
            "definition": "Peran, sifat dan harapan yang dibentuk masyarakat bagi laki-laki dan perempuan; dapat berubah.",
            "variants": ["jender"],
        },
        {
            "term": "kesetaraan gender",
            "definition": "Keadaan ketika perempuan dan laki-laki mendapat hak, kesempatan dan perlakuan yang sama.",
            "variants": ["kesamaan gender", "persamaan jender"],
        },
        {
            "term": "pekerja perempuan",
            "definition": "Sebutan yang dipakai paket ini untuk perempuan yang bekerja dengan menerima upah.",
            "variants": ["buruh wanita", "karyawati", "pekerja wanita"],
        },
        {
            "term": "penyandang disabilitas",
            "definition": "Orang dengan keterbatasan fisik, intelektual, mental atau sensorik dalam jangka lama (UU 8/2016).",
            "variants": ["penyandang cacat", "difabel"],
        },
        {
            "term": "cuti melahirkan",
            "definition": "Istirahat sebelum dan sesudah melahirkan dengan upah penuh.",
            "variants": ["cuti bersalin"],
        },
    ],
    "implementation_guide": (
        "<h3>Persiapan</h3>"
        "<p>Usahakan sedikitnya separuh peserta perempuan, dan sedikitnya satu dari dua fasilitator perempuan. Pilih "
        "waktu dan tempat yang memungkinkan pekerja perempuan hadir: tidak terlalu malam, dekat transportasi umum, "
        "dan bila bisa dengan ruang untuk anak.</p>"
        "<h3>Keamanan peserta</h3>"
        "<p>Sesi tentang kekerasan seksual dapat membangkitkan pengalaman yang menyakitkan. Sepakati sejak awal bahwa "
        "tidak ada yang wajib bercerita, dan siapkan kontak layanan pendampingan (UPTD PPA setempat atau lembaga "
        "bantuan hukum) sebelum pelatihan.</p>"
        "<h3>Waktu</h3>"
        "<p>Satu hari penuh (8,5 jam) atau dua setengah hari pada akhir pekan. Jangan memadatkan sesi kekerasan seksual "
        "menjadi kurang dari 90 menit.</p>"
        "<h3>Tindak lanjut</h3>"
        "<p>Rencana aksi setiap PUK dikirim ke bidang perempuan federasi. Periksa dalam enam bulan apakah jumlah "
        "perempuan di kepengurusan dan di tim perunding bertambah.</p>"
    ),
    "modules": [
        {
            "title": "Gender dan diskriminasi",
            "introduction": "<p>Dari pengalaman sehari-hari menuju pengertian: apa itu gender, dan bagaimana diskriminasi bekerja di pabrik.</p>",
            "sessions": [
                {
                    "title": "Gender bukan kodrat",
                    "objectives": [0],
                    "minutes": 60,
                    "method": "brainstorm",
                    "activities": (
                        "<ol><li>Peserta menulis di kartu sifat dan pekerjaan yang dianggap \u201cpantas\u201d untuk laki-laki "
                        "dan untuk perempuan.</li>"
                        "<li>Kartu ditempel di dua kolom, lalu fasilitator bertanya untuk setiap kartu: apakah ini bawaan "
                        "lahir atau dibentuk masyarakat?</li>"
                        "<li>Kartu yang \u201cbawaan lahir\u201d hanya sedikit (hamil, melahirkan, menyusui); sisanya gender.</li></ol>"
                    ),
                    "materials": "Kartu dua warna, plano dengan dua kolom, spidol.",
                    "handout": (
                        "<p>Jenis kelamin adalah perbedaan biologis yang dibawa sejak lahir. Gender adalah peran dan harapan "
                        "yang dibentuk masyarakat: bahwa perempuan lebih teliti sehingga cocok di lini jahit, bahwa "
                        "laki-laki pencari nafkah utama sehingga pantas dibayar lebih, atau bahwa rapat serikat malam hari "
                        "hanya untuk laki-laki. Karena dibentuk, gender dapat diubah.</p>"
                        "<p>Di tempat kerja, anggapan gender menentukan siapa ditempatkan di mana, siapa naik jabatan, dan "
                        "siapa dianggap \u201clajang\u201d dalam perhitungan tunjangan. Serikat yang tidak memperhatikannya "
                        "ikut melanggengkan ketidakadilan itu.</p>"
                    ),
                    "notes": "<p>Jangan mempermalukan peserta yang menulis anggapan lama; justru itu bahan diskusi.</p>",
                    "questions": [
                        {
                            "kind": "true_false",
                            "text": "Menyusui adalah peran gender.",
                            "options": ["Benar", "Salah"],
                            "answer": "Salah. Menyusui adalah fungsi biologis; mengasuh anak adalah peran gender yang dapat dibagi.",
                        }
                    ],
                },
                {
                    "title": "Diskriminasi di tempat kerja",
                    "objectives": [0, 1],
                    "minutes": 90,
                    "method": "case_study",
                    "activities": (
                        "<p>Tiga kasus untuk tiga kelompok: pekerja perempuan yang tidak diperpanjang kontraknya setelah "
                        "hamil; tunjangan keluarga yang hanya dibayar kepada pekerja laki-laki; lowongan yang mensyaratkan "
                        "\u201cbelum menikah\u201d. Setiap kelompok menjawab: apakah ini diskriminasi, aturan apa yang "
                        "dilanggar, apa langkah PUK?</p>"
                    ),
                    "materials": "Lembar tiga kasus, buku peserta.",
                    "handout": (
                        "<p>Indonesia telah meratifikasi <strong>Konvensi ILO 100</strong> tentang pengupahan yang sama bagi "
                        "pekerjaan yang sama nilainya, dan <strong>Konvensi ILO 111</strong> tentang diskriminasi dalam "
                        "pekerjaan dan jabatan. UU 13/2003 menegaskan bahwa setiap pekerja berhak memperoleh perlakuan yang "
                        "sama tanpa diskriminasi dari pengusaha.</p>"
                        "<p>Diskriminasi bisa langsung (aturan yang terang-terangan membedakan) atau tidak langsung (aturan "
                        "yang tampak netral tetapi merugikan satu kelompok, misalnya syarat lembur malam untuk naik jabatan). "
                        "Pekerja perempuan yang hamil tidak boleh di-PHK karena kehamilannya; UU 13/2003 menyatakan PHK "
                        "karena hamil, melahirkan, gugur kandungan atau menyusui batal demi hukum.</p>"
                    ),
                    "notes": "<p>Kasus pertama sering terjadi pada pekerja kontrak; hubungkan dengan paket Kebebasan Berserikat.</p>",
                    "questions": [
                        {
                            "kind": "open",
                            "text": "Berikan satu contoh diskriminasi tidak langsung di tempat kerja.",
                            "options": [],
                            "answer": "Misalnya syarat kesediaan lembur malam untuk promosi, yang merugikan pekerja dengan tanggungan pengasuhan.",
                        }
                    ],
                },
            ],
        },
        {
            "title": "Hak dan perlindungan",
            "introduction": "<p>Hak maternitas, perlindungan dari kekerasan seksual, dan hak pekerja penyandang disabilitas.</p>",
            "sessions": [
                {
                    "title": "Hak maternitas",
                    "objectives": [1],
                    "minutes": 90,
                    "method": "interactive_talk",
                    "activities": (
                        "<ol><li>Kuis berpasangan tentang hak-hak dalam tabel buku peserta.</li>"
                        "<li>Diskusi: hak mana yang sudah dipenuhi di pabrik peserta? Adakah ruang laktasi?</li></ol>"
                    ),
                    "materials": "Kartu kuis, buku peserta.",
                    "handout": (
                        "<table><thead><tr><th>Hak</th><th>Dasar hukum</th></tr></thead><tbody>"
                        "<tr><td>Istirahat 1,5 bulan sebelum dan 1,5 bulan sesudah melahirkan, dengan upah penuh</td><td>UU 13/2003 Pasal 82 dan 84</td></tr>"
                        "<tr><td>Istirahat 1,5 bulan sesudah gugur kandungan</td><td>UU 13/2003 Pasal 82 ayat (2)</td></tr>"
                        "<tr><td>Tidak wajib bekerja pada hari pertama dan kedua haid bila merasakan sakit</td><td>UU 13/2003 Pasal 81</td></tr>"
                        "<tr><td>Kesempatan menyusui atau memerah ASI di jam kerja</td><td>UU 13/2003 Pasal 83</td></tr>"
                        "<tr><td>Tidak di-PHK karena hamil, melahirkan, gugur kandungan atau menyusui</td><td>UU 13/2003 Pasal 153</td></tr>"
                        "</tbody></table>"
                        "<p>UU 4/2024 tentang kesejahteraan ibu dan anak pada fase seribu hari pertama kehidupan menambah "
                        "perlindungan: cuti melahirkan paling singkat 3 bulan, dan dapat ditambah paling lama 3 bulan "
                        "berikutnya bila ada kondisi khusus yang dibuktikan surat keterangan dokter. Periksa peraturan "
                        "pelaksananya sebelum pelatihan.</p>"
                        "<p>Pekerja perempuan yang bekerja antara pukul 23.00 dan 07.00 berhak atas makanan dan minuman "
                        "bergizi serta jaminan kesusilaan dan keamanan, dan yang pulang atau berangkat antara pukul 23.00 "
                        "dan 05.00 berhak atas angkutan antar jemput (UU 13/2003 Pasal 76).</p>"
                    ),
                    "notes": "<p>Banyak PKB sudah memuat ruang laktasi; minta peserta membawa PKB-nya.</p>",
                    "questions": [
                        {
                            "kind": "choice",
                            "text": "Menurut UU 13/2003, berapa lama istirahat melahirkan seluruhnya?",
                            "options": ["1 bulan", "1,5 bulan", "3 bulan", "6 bulan"],
                            "answer": "3 bulan (1,5 bulan sebelum dan 1,5 bulan sesudah); UU 4/2024 menambah kemungkinan perpanjangan.",
                        }
                    ],
                },
                {
                    "title": "Kekerasan seksual di dunia kerja",
                    "objectives": [2],
                    "minutes": 90,
                    "method": "role_play",
                    "activities": (
                        "<ol><li>Pemanasan: garis pendapat tentang beberapa perilaku (komentar tentang tubuh, pesan pribadi "
                        "dari atasan, sentuhan): setuju atau tidak bahwa itu kekerasan seksual.</li>"
                        "<li>Bermain peran: seorang anggota melapor kepada pengurus PUK bahwa ia dilecehkan supervisor. "
                        "Bagaimana pengurus menerima laporan itu dengan aman?</li>"
                        "<li>Diskusi: apa yang harus ada di PKB agar laporan seperti ini ditangani?</li></ol>"
                    ),
                    "materials": "Kartu perilaku, kartu peran, daftar kontak layanan setempat.",
                    "handout": (
                        "<p><strong>UU 12/2022 tentang Tindak Pidana Kekerasan Seksual (TPKS)</strong> mengakui sembilan "
                        "bentuk kekerasan seksual, antara lain pelecehan seksual nonfisik, pelecehan seksual fisik, "
                        "pemaksaan kontrasepsi, eksploitasi seksual, dan kekerasan seksual berbasis elektronik. Korban berhak "
                        "atas penanganan, perlindungan dan pemulihan; layanan di daerah diberikan antara lain oleh UPTD PPA.</p>"
                        "<p><strong>Konvensi ILO 190</strong> (2019) tentang kekerasan dan pelecehan di dunia kerja "
                        "melindungi semua orang di dunia kerja, termasuk dalam perjalanan ke dan dari tempat kerja dan dalam "
                        "komunikasi kerja lewat telepon. Serikat-serikat di Indonesia mendorong pemerintah meratifikasinya.</p>"
                        "<h3>Saat menerima laporan</h3>"
                        "<ul><li>Dengarkan, percayai, jangan menyalahkan.</li><li>Jaga kerahasiaan; tanyakan apa yang "
                        "diinginkan korban.</li><li>Catat kronologi dengan persetujuan korban.</li><li>Hubungkan dengan "
                        "pendamping dan, bila korban mau, laporkan.</li></ul>"
                    ),
                    "notes": "<p>Pemeran korban dimainkan oleh fasilitator, bukan peserta. Siapkan waktu jeda.</p>",
                    "questions": [
                        {
                            "kind": "true_false",
                            "text": "Pesan bernada seksual yang dikirim atasan lewat WhatsApp dapat termasuk kekerasan seksual menurut UU 12/2022.",
                            "options": ["Benar", "Salah"],
                            "answer": "Benar: pelecehan seksual nonfisik atau kekerasan seksual berbasis elektronik.",
                        }
                    ],
                },
                {
                    "title": "Hak pekerja penyandang disabilitas",
                    "objectives": [3],
                    "minutes": 60,
                    "method": "group_discussion",
                    "activities": (
                        "<p>Kelompok memeriksa tempat kerja masing-masing: apakah ada penyandang disabilitas yang bekerja? "
                        "Apa yang menghalangi mereka diterima atau bertahan? Apa yang bisa dituntut serikat?</p>"
                    ),
                    "materials": "Plano, spidol, buku peserta.",
                    "handout": (
                        "<p><strong>UU 8/2016 tentang penyandang disabilitas</strong> mewajibkan perusahaan swasta "
                        "mempekerjakan paling sedikit 1 % penyandang disabilitas dari jumlah pekerjanya, dan pemerintah, "
                        "pemerintah daerah, BUMN serta BUMD paling sedikit 2 %. Penyandang disabilitas berhak atas upah "
                        "yang sama untuk pekerjaan yang sama dan atas akomodasi yang layak di tempat kerja.</p>"
                        "<p>Kelompok rentan lain yang perlu diperhatikan serikat: pekerja muda, pekerja kontrak dan alih "
                        "daya, pekerja migran antardaerah, dan pekerja yang menjadi korban kecelakaan kerja lalu kembali "
                        "bekerja dengan keterbatasan.</p>"
                    ),
                    "notes": "<p>Bila ada peserta penyandang disabilitas, tanyakan lebih dulu apakah ia bersedia berbagi pengalaman.</p>",
                    "questions": [
                        {
                            "kind": "choice",
                            "text": "Berapa kuota paling sedikit pekerja penyandang disabilitas di perusahaan swasta?",
                            "options": ["0,5 %", "1 %", "2 %", "5 %"],
                            "answer": "1 % (UU 8/2016).",
                        }
                    ],
                },
            ],
        },
        {
            "title": "Serikat yang inklusif",
            "introduction": "<p>Melihat serikat sendiri: siapa yang memimpin, siapa yang tidak terdengar, dan apa yang akan diubah.</p>",
            "sessions": [
                {
                    "title": "Siapa duduk di kepengurusan",
                    "objectives": [4],
                    "minutes": 60,
                    "method": "group_discussion",
                    "activities": (
                        "<p>Setiap PUK menghitung perempuan dan pekerja muda di antara anggota, pengurus dan tim perunding, "
                        "lalu membandingkan ketiganya. Diskusi: apa yang menghalangi, dan apa yang bisa diubah?</p>"
                    ),
                    "materials": "Lembar hitung, spidol.",
                    "handout": (
                        "<p>Di banyak serikat, perempuan adalah bagian besar anggota tetapi bagian kecil pengurus. "
                        "Penghalangnya sering praktis: rapat malam, beban pengasuhan, anggapan bahwa perempuan tidak cocok "
                        "berunding. Langkah yang terbukti membantu: kuota atau target kepengurusan, bidang perempuan dan "
                        "pekerja muda yang punya anggaran, rapat di jam yang bisa dihadiri, dan pelatihan kepemimpinan "
                        "bagi pekerja perempuan.</p>"
                    ),
                    "notes": "<p>Hindari suasana menyalahkan pengurus laki-laki; fokus pada langkah bersama.</p>",
                    "questions": [
                        {
                            "kind": "open",
                            "text": "Sebutkan dua penghalang pekerja perempuan menjadi pengurus di PUK Anda dan satu cara mengatasinya.",
                            "options": [],
                            "answer": "Jawaban dari pengalaman peserta; dinilai apakah cara yang diusulkan sesuai dengan penghalangnya.",
                        }
                    ],
                },
                {
                    "title": "Rencana aksi kesetaraan",
                    "objectives": [4, 1],
                    "minutes": 60,
                    "method": "other",
                    "activities": (
                        "<p>Setiap PUK menyusun tiga langkah kesetaraan untuk enam bulan ke depan, termasuk satu tuntutan "
                        "PKB, dan menyajikannya kepada kelompok.</p>"
                    ),
                    "materials": "Tabel rencana aksi, plano.",
                    "handout": (
                        "<p>Contoh tuntutan PKB yang mendukung kesetaraan: ruang laktasi dan waktu memerah ASI, cuti "
                        "pendampingan bagi suami, prosedur penanganan kekerasan seksual dengan wakil serikat, angkutan "
                        "antar jemput sif malam, dan upah yang sama untuk pekerjaan yang sama nilainya.</p>"
                    ),
                    "notes": "<p>Kirim rencana aksi ke bidang perempuan federasi pada hari yang sama.</p>",
                    "questions": [
                        {
                            "kind": "open",
                            "text": "Tulis satu tuntutan PKB dari rencana aksi PUK Anda.",
                            "options": [],
                            "answer": "Dinilai dari kejelasan dan kaitannya dengan hak yang dibahas.",
                        }
                    ],
                },
            ],
        },
    ],
}

PACKAGES = [FOA, OSH, GENDER]

# --- the production process -----------------------------------------------------------------------
# People are invented for the demo. `unit` is a federation code of the demo tree; `sector` a sector
# code; `links` name (package code, module index, session index or None for the module itself).

MEETINGS = [
    {
        "kind": "production_group",
        "title": "Pertemuan kelompok produksi paket hak dasar pekerja",
        "held_on": "2025-09-17",
        "place": "Jakarta",
        "summary": (
            "Wakil federasi dan alumni TTM membahas kebutuhan per sektor, hambatan struktural dan cara penyampaian "
            "untuk tiga paket: Kebebasan Berserikat, K3, serta Kesetaraan Gender dan Inklusi."
        ),
        "packages": ["KB-01", "K3-01", "KG-01"],
        "participants": [
            {
                "name": "Sutrisno Wibawa (fiktif)",
                "role": "federation",
                "unit": "FSPMI",
                "sector": "metal",
                "trainer": False,
            },
            {
                "name": "Dewi Anggraini (fiktif)",
                "role": "ttm_alumnus",
                "unit": "FSPMI",
                "sector": "electronics",
                "trainer": True,
            },
            {
                "name": "Bagus Prasetyo (fiktif)",
                "role": "ttm_alumnus",
                "unit": "FSPMI",
                "sector": "automotive",
                "trainer": True,
            },
            {
                "name": "Lestari Handayani (fiktif)",
                "role": "federation",
                "unit": "SPN",
                "sector": "garment",
                "trainer": False,
            },
            {
                "name": "Ratna Kusumawati (fiktif)",
                "role": "federation",
                "unit": "FARKES",
                "sector": "health",
                "trainer": False,
            },
            {
                "name": "Hendra Saputra (fiktif)",
                "role": "federation",
                "unit": "FSPKEP",
                "sector": "chemicals",
                "trainer": False,
            },
            {
                "name": "Yuliani Siregar (fiktif)",
                "role": "ttm_alumnus",
                "unit": "ASPEK",
                "sector": "retail",
                "trainer": True,
            },
            {"name": "Agus Firmansyah (fiktif)", "role": "facilitator", "unit": None, "sector": None, "trainer": False},
        ],
        "inputs": [
            {
                "kind": "need",
                "sector": "metal",
                "raised_by": "Sutrisno Wibawa (fiktif)",
                "text": "Pengurus PUK baru di pabrik logam sering dimutasi tak lama setelah serikat diberitahukan; mereka perlu tahu cara mengumpulkan bukti sejak hari pertama.",
                "links": [("KB-01", 1, 2), ("KB-01", 2, 0)],
            },
            {
                "kind": "need",
                "sector": "electronics",
                "raised_by": "Dewi Anggraini (fiktif)",
                "text": "Di pabrik elektronik mayoritas operator adalah pekerja kontrak perempuan muda; materi harus bicara langsung kepada mereka.",
                "links": [("KB-01", 3, 0), ("KG-01", 0, 1)],
            },
            {
                "kind": "need",
                "sector": "health",
                "raised_by": "Ratna Kusumawati (fiktif)",
                "text": "Perawat dan tenaga kesehatan menghadapi bahaya biologi dan kekerasan dari pasien atau keluarganya; contoh K3 jangan hanya dari pabrik.",
                "links": [("K3-01", 0, 1)],
            },
            {
                "kind": "need",
                "sector": "garment",
                "raised_by": "Lestari Handayani (fiktif)",
                "text": "Operator jahit di garmen banyak mengalami pelecehan oleh supervisor dan tidak tahu harus melapor ke mana.",
                "links": [("KG-01", 1, 1)],
            },
            {
                "kind": "obstacle",
                "sector": None,
                "raised_by": "Bagus Prasetyo (fiktif)",
                "text": "Pekerja alih daya dan kontrak takut ikut pelatihan karena khawatir kontraknya tidak diperpanjang.",
                "links": [("KB-01", 3, 0)],
            },
            {
                "kind": "obstacle",
                "sector": "automotive",
                "raised_by": "Bagus Prasetyo (fiktif)",
                "text": "Perusahaan tidak memberi izin dengan upah untuk pelatihan serikat; pelatihan tiga hari penuh hampir tidak mungkin.",
                "links": [("KB-01", 0, None)],
            },
            {
                "kind": "obstacle",
                "sector": "chemicals",
                "raised_by": "Hendra Saputra (fiktif)",
                "text": "P2K3 di banyak pabrik kimia hanya diisi manajemen; wakil serikat tidak pernah diundang rapat.",
                "links": [("K3-01", 1, 2)],
            },
            {
                "kind": "approach",
                "sector": None,
                "raised_by": "Dewi Anggraini (fiktif)",
                "text": "Gunakan studi kasus dari pabrik peserta sendiri, dengan nama dihitamkan, bukan kasus buatan.",
                "links": [("KB-01", 1, 2)],
            },
            {
                "kind": "approach",
                "sector": "retail",
                "raised_by": "Yuliani Siregar (fiktif)",
                "text": "Bagi materi menjadi sesi pendek 60 sampai 90 menit yang bisa dibawakan sesudah pergantian sif.",
                "links": [("K3-01", 0, None), ("KB-01", 0, None)],
            },
        ],
    },
    {
        "kind": "follow_up",
        "title": "Pertemuan lanjutan: finalisasi dan penyelarasan modul",
        "held_on": "2025-10-02",
        "place": "Cisarua, Bogor",
        "summary": (
            "Kelompok produksi memeriksa draf, menyelaraskan durasi dan istilah antarmodul, dan menulis panduan "
            "pelaksanaan untuk pelatih."
        ),
        "packages": ["KB-01", "K3-01"],
        "participants": [
            {
                "name": "Dewi Anggraini (fiktif)",
                "role": "ttm_alumnus",
                "unit": "FSPMI",
                "sector": "electronics",
                "trainer": True,
            },
            {
                "name": "Bagus Prasetyo (fiktif)",
                "role": "ttm_alumnus",
                "unit": "FSPMI",
                "sector": "automotive",
                "trainer": True,
            },
            {
                "name": "Lestari Handayani (fiktif)",
                "role": "federation",
                "unit": "SPN",
                "sector": "garment",
                "trainer": False,
            },
            {
                "name": "Hendra Saputra (fiktif)",
                "role": "federation",
                "unit": "FSPKEP",
                "sector": "chemicals",
                "trainer": False,
            },
            {
                "name": "Wahyu Nugroho (fiktif)",
                "role": "ttm_alumnus",
                "unit": "FSPMI",
                "sector": "shipbuilding",
                "trainer": True,
            },
            {"name": "Agus Firmansyah (fiktif)", "role": "facilitator", "unit": None, "sector": None, "trainer": False},
        ],
        "inputs": [
            {
                "kind": "approach",
                "sector": None,
                "raised_by": "Wahyu Nugroho (fiktif)",
                "text": "Bentuk grup WhatsApp alumni setiap angkatan pelatihan, dijaga satu pelatih, untuk tindak lanjut.",
                "links": [("KB-01", 3, 2)],
            },
            {
                "kind": "approach",
                "sector": None,
                "raised_by": "Dewi Anggraini (fiktif)",
                "text": "Latih pekerja kontrak yang sudah menjadi anggota sebagai pelatih sebaya untuk rekan-rekannya.",
                "links": [("KB-01", 3, 0)],
            },
            {
                "kind": "need",
                "sector": "shipbuilding",
                "raised_by": "Wahyu Nugroho (fiktif)",
                "text": "Di galangan kapal banyak subkontraktor; jalan keliling K3 harus mencakup area kerja subkontraktor.",
                "links": [("K3-01", 1, 0)],
            },
            {
                "kind": "obstacle",
                "sector": "garment",
                "raised_by": "Lestari Handayani (fiktif)",
                "text": "Pekerja perempuan sulit hadir pada pelatihan malam atau akhir pekan karena beban pengasuhan.",
                "links": [("KB-01", 0, None)],
            },
            {
                "kind": "need",
                "sector": None,
                "raised_by": "Bagus Prasetyo (fiktif)",
                "text": "Simulasi perundingan perlu data upah contoh dan lembar posisi manajemen yang rahasia agar terasa nyata.",
                "links": [("KB-01", 2, 2)],
            },
            {
                "kind": "approach",
                "sector": "chemicals",
                "raised_by": "Hendra Saputra (fiktif)",
                "text": "Tambahkan contoh surat PUK yang meminta wakil pekerja dimasukkan ke P2K3.",
                "links": [("K3-01", 1, 2)],
            },
            {
                "kind": "need",
                "sector": "metal",
                "raised_by": "Dewi Anggraini (fiktif)",
                "text": "Pengurus perlu tabel tenggat penyelesaian perselisihan yang ringkas untuk ditempel di sekretariat.",
                "links": [("KB-01", 2, 0)],
            },
        ],
    },
]
